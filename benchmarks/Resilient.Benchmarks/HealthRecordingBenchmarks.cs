using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>
/// Health bookkeeping on the hot path: recording a success (the tracker alone, and a whole attempt completion with
/// the latency estimate), and a pick while another thread keeps publishing health changes.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class HealthRecordingBenchmarks
{
    private const int Operations = 10_000;

    private EndpointGroup _group = null!;
    private EndpointGroup _churning = null!;
    private EndpointRuntime _runtime = null!;
    private Thread? _churn;
    private volatile bool _stop;

    /// <summary>Builds a quiet group.</summary>
    [GlobalSetup(Targets = [nameof(RecordSuccess_Tracker), nameof(CompleteAttempt_Success), nameof(Pick_Quiet)])]
    public void Setup()
    {
        _group = Build();
        _runtime = _group.FindRuntime(Fixtures.Name(0))!;
    }

    /// <summary>Builds a group whose health changes continuously on another thread (only for the benchmark that needs it:
    /// the churn allocates snapshots, which the memory diagnoser would otherwise charge to every benchmark).</summary>
    [GlobalSetup(Target = nameof(Pick_WhileHealthChanges))]
    public void SetupChurn()
    {
        _churning = Build();
        _churn = new Thread(() =>
        {
            // A drained and restored endpoint: every change publishes a new selection snapshot.
            var name = Fixtures.Name(1);
            while (!_stop)
            {
                _churning.Drain(name);
                _churning.Restore(name);
            }
        })
        { IsBackground = true };
        _churn.Start();
    }

    /// <summary>Stops the churning thread.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _stop = true;
        _churn?.Join();
    }

    /// <summary>The health tracker's success path alone: lock-free counters and the failure-rate window.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public void RecordSuccess_Tracker()
    {
        var tracker = _runtime.Tracker!;
        var now = _group.TimeProvider.GetTimestamp();
        for (var i = 0; i < Operations; i++)
        {
            tracker.Record(_runtime, EndpointOutcome.Success, now, TimeSpan.Zero, trial: false);
        }
    }

    /// <summary>A whole attempt completion: in-flight count, latency estimate, telemetry check, health.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public void CompleteAttempt_Success()
    {
        var runtime = _runtime;
        var start = _group.TimeProvider.GetTimestamp();
        for (var i = 0; i < Operations; i++)
        {
            runtime.TryEnter();
            runtime.Complete(EndpointOutcome.Success, start, start + 1000);
        }
    }

    /// <summary>Acquire and complete on a quiet group.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public int Pick_Quiet() => Picks(_group);

    /// <summary>Acquire and complete while another thread publishes a health change every few microseconds.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public int Pick_WhileHealthChanges() => Picks(_churning);

    private static int Picks(EndpointGroup group)
    {
        var sum = 0;
        for (var i = 0; i < Operations; i++)
        {
            if (group.TryAcquire(out var lease))
            {
                sum += lease.Attempt;
                lease.Complete(EndpointOutcome.Success);
            }
        }

        return sum;
    }

    private static EndpointGroup Build()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.PowerOfTwoChoices, SlowStartWindow = TimeSpan.Zero };
        for (var i = 0; i < 16; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = Fixtures.Address(i), Name = Fixtures.Name(i) });
        }

        return new EndpointGroup("health-bench", options, TimeProvider.System);
    }
}
