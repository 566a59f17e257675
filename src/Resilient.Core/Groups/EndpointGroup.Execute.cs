namespace Resilient;

/// <summary>Failover for any resource: database replicas, gRPC channels, sockets.</summary>
public sealed partial class EndpointGroup
{
    /// <summary>
    /// Runs <paramref name="operation"/> against an endpoint picked by the group, with the group's health tracking,
    /// failover, timeouts, retry budget and hedging: the same rules as HTTP calls through <c>AddEndpointGroup</c>.
    /// </summary>
    /// <typeparam name="TResult">What the operation returns.</typeparam>
    /// <param name="operation">The work to do against one endpoint; honour the cancellation token (attempt timeouts and hedging cancel it).</param>
    /// <param name="options">How to classify results and exceptions; by default results succeed, exceptions fail, and the call may be repeated.</param>
    /// <param name="cancellationToken">The caller's cancellation; never held against an endpoint, never retried.</param>
    /// <returns>The first good result, or the last result if no retry could be made.</returns>
    /// <exception cref="EndpointUnavailableException">No endpoint was available, or every attempt threw; the message names the group and lists the attempts.</exception>
    /// <exception cref="TimeoutException">The call ran out of its total timeout.</exception>
    public Task<TResult> ExecuteAsync<TResult>(
        Func<Endpoint, CancellationToken, ValueTask<TResult>> operation,
        ExecuteOptions<TResult>? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return Failover.ExecuteAsync(new DelegateOperation<TResult>(operation, options), cancellationToken);
    }
}
