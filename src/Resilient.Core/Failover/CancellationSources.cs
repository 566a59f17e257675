namespace Resilient;

/// <summary>
/// Cancellation sources of sequential calls, reused across calls and groups once the call that used one, and the
/// result it returned, are completely finished with it.
/// </summary>
/// <remarks>
/// <para>
/// A call's source is what its attempts' transport registers on (SocketsHttpHandler does, for every request), so a new
/// source per call cost the source, its registration table and a registration node, about 190 bytes. A reused
/// source keeps its table, and the nodes the transport released, for the next call.
/// </para>
/// <para>
/// A source comes back only when nothing can cancel it any more and nothing still reads its token: the call's
/// caller link is undone and its timer can no longer fire into it (<see cref="CallDeadline"/>), and the response
/// the caller received has been read to its end or disposed (an HTTP/2 stream keeps its registration until then).
/// <see cref="CancellationTokenSource.TryReset"/> refuses a source that was cancelled, which is then dropped. As with
/// the request sources ASP.NET Core's Kestrel reuses, a token still held after that point reads the new call's state.
/// </para>
/// </remarks>
internal static class CancellationSources
{
    private static readonly BoundedPool<CancellationTokenSource> s_pool = new(BoundedPool<CancellationTokenSource>.DefaultCapacity * 2);

    /// <summary>Takes an idle source, or creates one.</summary>
    public static CancellationTokenSource Rent() =>
        s_pool.TryRent(out var source) ? source : new CancellationTokenSource();

    /// <summary>Gives back a source nothing uses any more; one that was cancelled is dropped.</summary>
    public static void Return(CancellationTokenSource? source)
    {
        if (source is not null && source.TryReset())
        {
            s_pool.Return(source);
        }
    }
}
