namespace Resilient;

/// <summary>The probing of one endpoint: its timer, its in-flight flag, its consecutive counts and its last verdict.</summary>
/// <remarks>
/// <para>
/// <see cref="_probing"/> is set by the tick that calls the probe and cleared the moment the call's task completes
/// (synchronously, or by a synchronous continuation), whether or not the result was still wanted. So "no two probes
/// at once" is about calls: a probe that ignores its token keeps its endpoint from being probed again until it
/// returns, while its timeout has already been counted and each tick it blocks counts as one more failure.
/// </para>
/// <para>
/// Counts and the sink call happen under <see cref="_recordLock"/>, so the sink hears one endpoint's verdicts one at
/// a time and in order. Only recorders take that lock; <see cref="Stop"/> and <see cref="RequestReport"/>, which the
/// tracker may call while holding the group's writer lock, never do, so a sink that takes the writer lock cannot
/// deadlock with them.
/// </para>
/// </remarks>
internal sealed class ProbeTarget
{
    private static readonly TimerCallback s_onTick = static state => ((ProbeTarget)state!).OnTick();
    private static readonly Action<object?> s_cancel = static state => ((CancellationTokenSource)state!).Cancel();

    // Reading Exception observes a fault of a call that was abandoned at its timeout, so it never goes unobserved.
    private static readonly Action<Task, object?> s_release = static (call, state) =>
    {
        _ = call.Exception;
        ((ProbeTarget)state!).Release();
    };

    private readonly ActiveHealthProber _owner;
    private readonly ITimer _timer;
    private readonly Lock _recordLock = new();

    // Never disposed: without a timer or links it holds nothing to release, and a probe finishing late still reads it.
    private readonly CancellationTokenSource _stop = new();
    private int _probing;

    // The call given up at its timeout while it had not returned; a stale value is harmless because it is completed.
    private Task? _abandoned;
    private int _failures;
    private int _successes;
    private ProbeVerdict _reported;

    public ProbeTarget(ActiveHealthProber owner, EndpointRuntime runtime)
    {
        _owner = owner;
        Runtime = runtime;
        _timer = owner.TimeProvider.CreateTimer(s_onTick, this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public EndpointRuntime Runtime { get; }

    /// <summary>Arms the timer; the caller keeps the delay positive so no time provider fires it inline.</summary>
    public void Start(TimeSpan firstDelay) => Arm(firstDelay);

    public void RequestReport() => Interlocked.Exchange(ref _reported, ProbeVerdict.None);

    /// <summary>No more ticks; the probe in flight, if any, is cancelled and its result ignored. Never waits.</summary>
    public void Stop()
    {
        _timer.Dispose();
        try
        {
            _stop.Cancel();
        }
        catch (AggregateException)
        {
            // A probe's cancellation callback threw; the probe is abandoned either way.
        }
    }

    private void OnTick()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
        {
            Volatile.Write(ref _abandoned, null);
            _ = RunAsync();
        }
        else if (Volatile.Read(ref _abandoned) is { IsCompleted: false })
        {
            // The last probe ignored its cancellation and still has not returned: each interval it blocks is one more
            // failure, so a hung endpoint still reaches the unhealthy threshold.
            Record(ProbeResult.Unhealthy(_owner.TimeoutReason));
        }

        // Otherwise a probe that is not late yet is still running (Timeout > Interval): this tick is skipped.
        Arm(_owner.NextDelay());
    }

    private void Arm(TimeSpan delay)
    {
        try
        {
            _timer.Change(delay, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped concurrently.
        }
    }

    private void Release() => Volatile.Write(ref _probing, 0);

    /// <summary>Runs one probe and records its verdict; never throws. Only <see cref="OnTick"/> starts it, after setting <see cref="_probing"/>.</summary>
    private async Task RunAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            Release();
            return;
        }

        Task<ProbeResult>? call = null;
        ProbeResult result;
        var timeout = new CancellationTokenSource(_owner.Timeout, _owner.TimeProvider);
        var link = _stop.Token.UnsafeRegister(s_cancel, timeout);
        try
        {
            var pending = _owner.Probe.ProbeAsync(Runtime.Endpoint, timeout.Token);
            if (pending.IsCompleted)
            {
                Release();
                result = pending.Result;
            }
            else
            {
                call = pending.AsTask();
                _ = call.ContinueWith(s_release, this, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

                // WaitAsync enforces the timeout even on a probe that ignores its token.
                result = await call.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            if (call is null)
            {
                Release();
            }
            else if (!call.IsCompleted)
            {
                // Abandoned at its timeout (or stop); _probing stays set until it returns.
                Volatile.Write(ref _abandoned, call);
            }

            result = ProbeResult.Unhealthy(timeout.IsCancellationRequested ? _owner.TimeoutReason : $"{ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            link.Dispose();
            timeout.Dispose();
        }

        Record(result);
    }

    private void Record(ProbeResult result)
    {
        lock (_recordLock)
        {
            // Cancellation by removal or disposal is not a verdict, and nobody wants one for an endpoint no longer probed.
            if (_stop.IsCancellationRequested || !Count(result.IsHealthy, out var verdict)
                || Interlocked.Exchange(ref _reported, verdict) == verdict)
            {
                return;
            }

            try
            {
                if (verdict == ProbeVerdict.Healthy)
                {
                    _owner.Sink.OnProbeHealthy(Runtime);
                }
                else
                {
                    _owner.Sink.OnProbeUnhealthy(Runtime, result.Reason);
                }
            }
#pragma warning disable CA1031 // The sink must not throw; if it does, the timer thread must survive it.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }
    }

    /// <summary>Counts one result; true with the verdict once the run of equal results reaches its threshold.</summary>
    private bool Count(bool healthy, out ProbeVerdict verdict)
    {
        if (healthy)
        {
            _failures = 0;
            _successes = Math.Min(_successes + 1, _owner.HealthyThreshold);
            verdict = ProbeVerdict.Healthy;
            return _successes >= _owner.HealthyThreshold;
        }

        _successes = 0;
        _failures = Math.Min(_failures + 1, _owner.UnhealthyThreshold);
        verdict = ProbeVerdict.Unhealthy;
        return _failures >= _owner.UnhealthyThreshold;
    }
}
