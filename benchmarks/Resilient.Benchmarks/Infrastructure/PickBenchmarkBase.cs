using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>
/// What every class here shares: the endpoint-count and thread-count parameters, and a batch of
/// <see cref="PicksPerThread"/> operations per invocation run on one thread or on two at once.
/// </summary>
/// <remarks>
/// With <c>Threads = 2</c> each invocation runs the batch on the benchmark's thread and on a partner thread at the
/// same time and ends when both finish, so the reported time per operation is the cost of one operation on each
/// thread while another thread does the same work; with perfect scaling it equals the one-thread time.
/// </remarks>
[Config(typeof(BenchmarkConfig))]
public abstract class PickBenchmarkBase
{
    /// <summary>Operations each thread performs per invocation.</summary>
    public const int PicksPerThread = 10_000;

    private PairedThreadRunner? _runner;

    /// <summary>Gets or sets the number of endpoints (candidates) in the group.</summary>
    [Params(3, 16, 256)]
    public int Endpoints { get; set; }

    /// <summary>Gets or sets how many threads run the batch at the same time (1 or 2).</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>Builds the fixtures, then the partner thread if two threads are measured.</summary>
    [GlobalSetup]
    public void GlobalSetup()
    {
        Setup();
        _runner = Threads switch
        {
            1 => null,
            2 => new PairedThreadRunner(),
            _ => throw new NotSupportedException($"Threads = {Threads}: only 1 or 2 are supported."),
        };
    }

    /// <summary>Stops the partner thread.</summary>
    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _runner?.Dispose();
        _runner = null;
    }

    /// <summary>Builds the class's fixtures for the current <see cref="Endpoints"/>.</summary>
    protected abstract void Setup();

    /// <summary>Runs one batch on each of <see cref="Threads"/> threads; returns the batches' combined result.</summary>
    protected int Measure(Func<int> batch) => _runner is null ? batch() : _runner.Run(batch);
}
