using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Resilient.Benchmarks;

/// <summary>
/// The job every class here runs with: short enough that the whole suite fits in about half an hour on a two-core
/// machine (3 warm-up and 5 measured iterations in one process), with allocations measured and the job's own
/// settings hidden so the tables show only what differs between rows.
/// </summary>
public sealed class BenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchmarkConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(5)
            .WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        HideColumns(Column.Job, Column.LaunchCount, Column.WarmupCount, Column.IterationCount);
        WithOrderer(new BenchmarkDotNet.Order.DefaultOrderer(BenchmarkDotNet.Order.SummaryOrderPolicy.Declared));
    }
}
