using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using Microsoft.Extensions.ServiceDiscovery;

namespace Resilient.ServiceDiscovery;

/// <summary>
/// Keeps one group's endpoints equal to what Microsoft.Extensions.ServiceDiscovery resolves for its service. It
/// resolves when the group is created, again whenever the result's change token fires (a configuration reload, a DNS
/// TTL running out) and at least once per refresh period, and merges each new set into the live group the way a
/// configuration reload does: endpoints matched by address keep their health and latency history, removed ones take
/// no new calls while theirs finish, added ones enter with slow start. A failed resolution or an empty answer leaves
/// the last discovered endpoints in force.
/// </summary>
internal sealed partial class ServiceDiscoveryGroupUpdater : IDisposable
{
    private static readonly Action<object?> s_signal = static state => ((TaskCompletionSource)state!).TrySetResult();
    private static readonly TimerCallback s_timerSignal = static state => ((TaskCompletionSource)state!).TrySetResult();

    private readonly ServiceEndpointResolver _resolver;
    private readonly ILogger _logger;
    private readonly TimeSpan _refreshPeriod;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _firstResolution = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private EndpointGroup? _group;
    private ServiceEndpointSource? _lastSource;
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    public ServiceDiscoveryGroupUpdater(ServiceEndpointResolver resolver, ServiceAddress service, TimeSpan refreshPeriod, ILogger logger)
    {
        _resolver = resolver;
        Service = service;
        _refreshPeriod = refreshPeriod > TimeSpan.Zero ? refreshPeriod : Timeout.InfiniteTimeSpan;
        _logger = logger;
    }

    /// <summary>Gets the service whose endpoints feed the group.</summary>
    public ServiceAddress Service { get; }

    /// <summary>Gets a task that completes once the first resolution has finished, whether it found endpoints or not, or when the updater stops.</summary>
    public Task FirstResolution => _firstResolution.Task;

    /// <summary>Gets the background loop (tests wait for it after disposal).</summary>
    internal Task Loop => _loop;

    /// <summary>Starts resolving for <paramref name="group"/>; called once, right after the group is created.</summary>
    public void Start(EndpointGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (Interlocked.CompareExchange(ref _group, group, null) is not null)
        {
            throw new InvalidOperationException($"Service discovery for '{Service}' already feeds the group '{_group.Name}'.");
        }

        // The loop outlives the call that happened to create the group; it must not carry that call's activity or scopes.
        AsyncFlowControl? flow = ExecutionContext.IsFlowSuppressed() ? null : ExecutionContext.SuppressFlow();
        try
        {
            _loop = Task.Run(RunAsync);
        }
        finally
        {
            flow?.Undo();
        }
    }

    /// <summary>Stops resolving; the group keeps its last endpoints.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Cancel();
        _firstResolution.TrySetResult();
    }

    private async Task RunAsync()
    {
        var group = _group!;
        var time = group.TimeProvider;
        var token = _stopping.Token;
        var failures = 0;
        var lastStart = long.MinValue;
        while (!token.IsCancellationRequested)
        {
            if (lastStart != long.MinValue)
            {
                var pause = ServiceDiscoveryDefaults.MinimumRefreshInterval - time.GetElapsedTime(lastStart);
                if (pause > TimeSpan.Zero)
                {
                    await WaitAsync(changed: null, pause, time, token).ConfigureAwait(false);
                }
            }

            lastStart = time.GetTimestamp();
            IChangeToken? changed = null;
            TimeSpan next;
            try
            {
                var source = await _resolver.GetEndpointsAsync(Service.Query, token).ConfigureAwait(false);
                token.ThrowIfCancellationRequested();
                Apply(group, source);
                changed = source.ChangeToken;
                failures = 0;
                next = _refreshPeriod;
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                break;
            }
            catch (ObjectDisposedException disposed) when (disposed.ObjectName == typeof(ServiceEndpointResolver).FullName)
            {
                // The resolver went away with its container; so does this group.
                break;
            }
#pragma warning disable CA1031 // Any provider can fail in any way; the failure is logged and retried, never allowed to end the loop.
            catch (Exception error)
#pragma warning restore CA1031
            {
                failures++;
                next = RetryDelay(failures);
                ServiceDiscoveryLog.ResolutionFailed(_logger, group.Name, Service.Original, next, error);
            }

            _firstResolution.TrySetResult();
            await WaitAsync(changed, next, time, token).ConfigureAwait(false);
        }

        _firstResolution.TrySetResult();
    }

    private TimeSpan RetryDelay(int failures)
    {
        var delay = TimeSpan.FromTicks(ServiceDiscoveryDefaults.FirstRetryDelay.Ticks << Math.Min(failures - 1, 16));
        return _refreshPeriod != Timeout.InfiniteTimeSpan && delay > _refreshPeriod ? _refreshPeriod : delay;
    }

    /// <summary>Waits until the change token fires, the delay passes or the updater stops, whichever comes first.</summary>
    private static async Task WaitAsync(IChangeToken? changed, TimeSpan delay, TimeProvider time, CancellationToken token)
    {
        if (changed is { HasChanged: true } || token.IsCancellationRequested)
        {
            return;
        }

        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = time.CreateTimer(s_timerSignal, signal, delay, Timeout.InfiniteTimeSpan);
        using var stopped = token.Register(s_signal, signal);
        using var registration = changed is { ActiveChangeCallbacks: true } ? changed.RegisterChangeCallback(s_signal, signal) : null;
        await signal.Task.ConfigureAwait(false);
    }
}
