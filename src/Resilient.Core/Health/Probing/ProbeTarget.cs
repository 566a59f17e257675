namespace Resilient;

/// <summary>The probing of one endpoint: its timer, its in-flight flag, its consecutive counts and its last verdict.</summary>
/// <remarks>
/// <para>
/// One recorder at a time. Results are recorded either by the probe that just finished (while
/// <see cref="_probing"/> is set, so no tick starts another) or by a tick that finds a probe overdue (only after that
/// probe recorded its timeout and set <see cref="_overdue"/>); ticks of one timer never overlap because the timer is
/// one-shot and re-armed at the end of each tick. So the counters need no lock, and the sink hears one endpoint's
/// transitions in order. Only <see cref="_reported"/> is also written from outside (<see cref="RequestReport"/>),
/// hence the exchange.
/// </para>
/// </remarks>
internal sealed class ProbeTarget
{
    private static readonly TimerCallback s_onTick = static state => ((ProbeTarget)state!).OnTick();
    private static readonly Action<object?> s_cancel = static state => ((CancellationTokenSource)state!).Cancel();

    private readonly ActiveHealthProber _owner;
    private readonly ITimer _timer;

    // Never disposed: it has no timer and no links, so there is nothing to release, and a probe finishing late may
    // still read it.
    private readonly CancellationTokenSource _stop = new();
    private int _probing;
    private int _overdue;
    private int _failures;
    private int _successes;
    private ProbeVerdict _reported;

    public ProbeTarget(ActiveHealthProber owner, EndpointRuntime runtime)
    {
        _owner = owner;
        Runtime = runtime;
        _timer = owner.TimeProvider.CreateTimer(s_onTick, this, System.Threading.Timeout.InfiniteTimeSpan, System.Threading.Timeout.InfiniteTimeSpan);
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
            Volatile.Write(ref _overdue, 0);
            _ = RunAsync();
        }
        else if (Volatile.Read(ref _overdue) != 0)
        {
            // The last probe ignored its cancellation and still has not returned: each interval it blocks is one more
            // failure, so a hung endpoint still reaches the unhealthy threshold.
            Record(ProbeResult.Unhealthy(_owner.TimeoutReason));
        }

        // Otherwise a probe that is not yet late is still running (Timeout > Interval): skip this tick.
        Arm(_owner.NextDelay());
    }

    private void Arm(TimeSpan delay)
    {
        try
        {
            _timer.Change(delay, System.Threading.Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Stopped concurrently.
        }
    }

    /// <summary>Runs one probe; never throws. Only <see cref="OnTick"/> starts it, after setting <see cref="_probing"/>.</summary>
    private async Task RunAsync()
    {
        Task? straggler = null;
        try
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }

            ProbeResult result;
            var timeout = new CancellationTokenSource(_owner.Timeout, _owner.TimeProvider);
            var link = _stop.Token.UnsafeRegister(s_cancel, timeout);
            try
            {
                var pending = _owner.Probe.ProbeAsync(Runtime.Endpoint, timeout.Token);
                if (pending.IsCompletedSuccessfully)
                {
                    result = pending.Result;
                }
                else
                {
                    // WaitAsync enforces the timeout even on a probe that ignores its token.
                    var task = pending.AsTask();
                    straggler = task;
                    result = await task.WaitAsync(timeout.Token).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                result = ProbeResult.Unhealthy(timeout.IsCancellationRequested ? _owner.TimeoutReason : $"{ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                link.Dispose();
                timeout.Dispose();
            }

            if (straggler is { IsCompleted: true })
            {
                straggler = null;
            }

            // Cancellation by removal or disposal is not a verdict, and nobody wants one for an endpoint no longer probed.
            if (!_stop.IsCancellationRequested)
            {
                Record(result);
            }

            if (straggler is not null)
            {
                // Keep the endpoint marked as probing until the abandoned call returns, so calls never pile up.
                Volatile.Write(ref _overdue, 1);
                await straggler.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                _ = straggler.Exception;
            }
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private void Record(ProbeResult result)
    {
        ProbeVerdict verdict;
        if (result.IsHealthy)
        {
            _failures = 0;
            _successes = Math.Min(_successes + 1, _owner.HealthyThreshold);
            if (_successes < _owner.HealthyThreshold)
            {
                return;
            }

            verdict = ProbeVerdict.Healthy;
        }
        else
        {
            _successes = 0;
            _failures = Math.Min(_failures + 1, _owner.UnhealthyThreshold);
            if (_failures < _owner.UnhealthyThreshold)
            {
                return;
            }

            verdict = ProbeVerdict.Unhealthy;
        }

        if (Interlocked.Exchange(ref _reported, verdict) == verdict)
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
