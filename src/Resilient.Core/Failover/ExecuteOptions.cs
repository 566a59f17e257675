namespace Resilient;

/// <summary>
/// How <see cref="EndpointGroup.ExecuteAsync{TResult}(Func{Endpoint, CancellationToken, ValueTask{TResult}}, ExecuteOptions{TResult}?, CancellationToken)"/>
/// classifies the outcomes of an operation it does not understand (a database query, a gRPC call, a socket exchange).
/// </summary>
/// <typeparam name="TResult">What the operation returns.</typeparam>
public sealed class ExecuteOptions<TResult>
{
    /// <summary>
    /// Gets or sets how a returned result counts for the endpoint; a result classified other than
    /// <see cref="EndpointOutcome.Success"/> fails over (when the call is idempotent) and is returned if no retry can be made.
    /// </summary>
    /// <value>The default treats every result as a success.</value>
    public Func<TResult, EndpointOutcome>? ClassifyResult { get; set; }

    /// <summary>
    /// Gets or sets how a thrown exception counts for the endpoint. Return <see cref="EndpointOutcome.Unreachable"/>
    /// only when the operation provably never reached the resource (connection refused): such calls fail over even
    /// when not idempotent.
    /// </summary>
    /// <value>The default counts every exception as a <see cref="EndpointOutcome.Failure"/>.</value>
    public Func<Exception, EndpointOutcome>? ClassifyException { get; set; }

    /// <summary>Gets or sets a value indicating whether the operation is safe to repeat on another endpoint after it may have reached one.</summary>
    /// <value>The default is true (reads); set it to false for writes.</value>
    public bool IsIdempotent { get; set; } = true;

    /// <summary>Gets or sets what to do with a result the caller will not receive (a failed result replaced by a retry, a losing hedge).</summary>
    /// <value>The default disposes results that implement <see cref="IDisposable"/>.</value>
    public Action<TResult>? Discard { get; set; }

    /// <summary>Gets or sets the key for <see cref="LoadBalancers.ConsistentHash"/> (a user or tenant id).</summary>
    /// <value>The default is none.</value>
    public string? RequestKey { get; set; }
}
