namespace Resilient;

/// <summary>
/// One call as the failover engine drives it: how to make an attempt on a leased endpoint, how to classify what
/// came back, and what to do with results the caller will not see. The HTTP handler and
/// <c>EndpointGroup.ExecuteAsync</c> each provide one.
/// </summary>
/// <typeparam name="TResult">What an attempt produces (an HTTP response, a query result).</typeparam>
internal abstract class FailoverOperation<TResult>
{
    /// <summary>Gets a value indicating whether the call may be repeated after it may have reached a server (idempotent, keyed, or opted in).</summary>
    public abstract bool MayRetryAfterSending { get; }

    /// <summary>
    /// Gets a value indicating whether attempts of this call may run at the same time (hedging): the call is safe to
    /// repeat and each attempt works on its own copy of the request.
    /// </summary>
    public virtual bool MayHedge => false;

    /// <summary>
    /// Gets the most attempts this call allows now (for HTTP, 1 once a body that cannot be replayed has started to
    /// be sent); read before every further attempt; the group's limit also applies.
    /// </summary>
    public virtual int AttemptLimit => int.MaxValue;

    /// <summary>
    /// Gets a value indicating whether the call's cancellation source may be reused by later calls once the call ended
    /// with an error, or once <see cref="Accept"/>'s result gave it back: true only when nothing the attempts handed the
    /// token to can still be working under it then (the HTTP handler: the transport is done with a request whose
    /// response body has been read or disposed). False by default: a caller's delegate may have handed the token to
    /// work that outlives the call.
    /// </summary>
    public virtual bool ReusesCancellationSource => false;

    /// <summary>Gets the consistent-hash key of the call, if it has one.</summary>
    public virtual ulong? RequestKey => null;

    /// <summary>Makes one attempt on the leased endpoint. The engine owns the lease and completes it.</summary>
    public abstract Task<TResult> AttemptAsync(EndpointLease lease, int attempt, CancellationToken cancellationToken);

    /// <summary>Classifies a result that came back.</summary>
    public abstract AttemptVerdict Classify(TResult result);

    /// <summary>Classifies an error thrown by an attempt (not a cancellation or timeout, which the engine handles).</summary>
    public abstract AttemptVerdict Classify(Exception error);

    /// <summary>
    /// Hands the result the caller will see, with its lease, to the operation. The operation must complete the lease
    /// with <paramref name="verdict"/>'s outcome exactly once (at once, or when the result is fully consumed), and give
    /// <paramref name="source"/>, the call's cancellation source when it may be reused, back to
    /// <see cref="CancellationSources"/> once nothing reads its token any more (at once, or with the lease).
    /// </summary>
    public abstract TResult Accept(ref EndpointLease lease, TResult result, AttemptVerdict verdict, CancellationTokenSource? source);

    /// <summary>Releases a result the caller will not see (a failed response replaced by a retry, a losing hedge).</summary>
    public abstract void Discard(TResult result);

    /// <summary>Builds the exception for a call that ran out of time.</summary>
    public abstract Exception TotalTimeout(string groupName, TimeSpan timeout, IReadOnlyList<AttemptRecord> attempts);

    /// <summary>Builds the exception for a call no endpoint could serve.</summary>
    public virtual Exception Unavailable(EndpointUnavailableException error) => error;

    /// <summary>Called once when the call is over, whatever its end (result, error, cancellation), after its timers stopped.</summary>
    public virtual void OnCallEnded()
    {
    }

    /// <summary>Calls <see cref="OnCallEnded"/> when disposed: a <c>using</c> that costs the engine's state machines nothing extra.</summary>
    internal readonly struct EndScope(FailoverOperation<TResult> operation) : IDisposable
    {
        public void Dispose() => operation.OnCallEnded();
    }
}
