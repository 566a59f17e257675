using System.Runtime.CompilerServices;

namespace Resilient.Http;

/// <summary>
/// Reads the length a content knows for itself (its buffer's, or what it computes) without storing a
/// <c>Content-Length</c> header in it.
/// </summary>
/// <remarks>
/// A wrapper (<see cref="TrackedContent"/>) that asked its inner content through the public
/// <c>Headers.ContentLength</c> made the inner content store the header (a header array, an entry and a boxed
/// number, about 140 bytes per response) only for the wrapper to store the same value again in its own headers.
/// System.Net.Http's internal <c>GetComputedOrBufferLength</c> is what that property itself consults; it is reached
/// with an <see cref="UnsafeAccessorAttribute"/> (no reflection, kept by trimming and Native AOT). Should a future
/// runtime not have it, the first call finds out and every later call uses the public property, which gives the
/// same answer at the old cost. A test checks that the fast way works on the runtime we ship for.
/// </remarks>
internal static class ContentLength
{
    private static volatile bool s_internalMissing;

    /// <summary>Gets a value indicating whether the runtime's internal length query is in use.</summary>
    internal static bool UsesInternalQuery => !s_internalMissing;

    /// <summary>Gets <paramref name="content"/>'s length if it knows it, leaving its headers as they are when it can.</summary>
    public static long? Of(HttpContent content)
    {
        if (!s_internalMissing)
        {
            try
            {
                return GetComputedOrBufferLength(content);
            }
            catch (MissingMethodException)
            {
                s_internalMissing = true;
            }
        }

        return content.Headers.ContentLength;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "GetComputedOrBufferLength")]
    private static extern long? GetComputedOrBufferLength(HttpContent content);
}
