using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace Resilient.Http;

/// <summary>Gives the contents this library wraps the headers of the content they wrap.</summary>
internal static class ContentHeaders
{
    private static volatile bool s_fieldMissing;

    /// <summary>Gets a value indicating whether wrappers share their inner content's headers (rather than copying them).</summary>
    internal static bool Shares => !s_fieldMissing;

    /// <summary>
    /// Makes <paramref name="wrapper"/>'s <see cref="HttpContent.Headers"/> the very collection of
    /// <paramref name="inner"/>, which the wrapper hides from then on; call it before anything reads the wrapper's
    /// headers. Returns false when it copied them instead.
    /// </summary>
    /// <remarks>
    /// A response wrapper exists only to see its body read to the end or disposed; copying the received headers into a
    /// second collection cost a collection, its array and a write per header on every response (about 160 bytes for
    /// a typical pair of Content-Type and Content-Length). <see cref="HttpContent.Headers"/> is not virtual, so the
    /// wrapper's private field is set with an <see cref="UnsafeAccessorAttribute"/> (no reflection; kept by trimming and
    /// Native AOT). The shared collection still belongs to the inner content: a length it has to compute is the inner
    /// content's, which is the wrapper's too, since the wrapper passes the body through unchanged (so only share when
    /// that length is known up front: a buffered wrapper of a body of unknown length knows a length its inner content
    /// does not). On a runtime without
    /// the field the first call finds out and every call copies, as before. A test checks the sharing on ours.
    /// </remarks>
    public static bool ShareOrCopy(HttpContent inner, HttpContent wrapper)
    {
        if (!s_fieldMissing)
        {
            try
            {
                HeadersField(wrapper) = inner.Headers;
                return true;
            }
            catch (MissingFieldException)
            {
                s_fieldMissing = true;
            }
        }

        CopyRaw(inner.Headers, wrapper.Headers);
        return false;
    }

    /// <summary>
    /// Copies every header as it was received or added, without parsing or validating it again: the raw values
    /// stay byte-identical and nothing is allocated per header beyond the target's own storage.
    /// </summary>
    public static void CopyRaw(HttpContentHeaders source, HttpContentHeaders target)
    {
        foreach (var header in source.NonValidated)
        {
            foreach (var value in header.Value)
            {
                target.TryAddWithoutValidation(header.Key, value);
            }
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_headers")]
    private static extern ref HttpContentHeaders? HeadersField(HttpContent content);
}
