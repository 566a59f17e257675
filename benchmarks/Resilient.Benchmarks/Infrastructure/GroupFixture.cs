namespace Resilient.Benchmarks;

/// <summary>
/// A real <see cref="EndpointGroup"/> on <see cref="TimeProvider.System"/>: every operation is the public path
/// <c>TryAcquire</c> then <c>Complete(Success)</c>, clock reads, in-flight counting and latency learning included.
/// </summary>
internal sealed class GroupFixture
{
    private readonly EndpointGroup _group;

    public GroupFixture(string balancer, int endpoints)
    {
        var options = new EndpointGroupOptions { LoadBalancer = balancer };
        for (var i = 0; i < endpoints; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = Fixtures.Address(i), Name = Fixtures.Name(i) });
        }

        _group = new EndpointGroup("bench", options, TimeProvider.System);

        // Steady state: every endpoint has completed attempts (so Peak-EWMA has a latency for each) before
        // the long-running ones below start.
        for (var round = 0; round < 100 && !AllMeasured(endpoints); round++)
        {
            for (var i = 0; i < endpoints; i++)
            {
                if (_group.TryAcquire(out var lease))
                {
                    lease.Complete(EndpointOutcome.Success);
                }
            }
        }

        if (!AllMeasured(endpoints))
        {
            throw new InvalidOperationException($"{balancer}: not every endpoint was picked during warm-up.");
        }

        for (var i = 0; i < endpoints; i++)
        {
            var runtime = _group.FindRuntime(Fixtures.Name(i))!;
            for (var busy = 0; busy < Fixtures.BusyCount(i); busy++)
            {
                // Never completed: these stay in flight for the whole run.
                runtime.TryEnter();
            }
        }
    }

    /// <summary>Acquires and completes <see cref="PickBenchmarkBase.PicksPerThread"/> times; returns the sum of the attempt numbers.</summary>
    public int AcquireBatch()
    {
        var group = _group;
        var sum = 0;
        for (var i = 0; i < PickBenchmarkBase.PicksPerThread; i++)
        {
            if (group.TryAcquire(out var lease))
            {
                sum += lease.Attempt;
                lease.Complete(EndpointOutcome.Success);
            }
        }

        return sum;
    }

    private bool AllMeasured(int endpoints)
    {
        for (var i = 0; i < endpoints; i++)
        {
            if (_group.FindRuntime(Fixtures.Name(i))!.CompletedCount == 0)
            {
                return false;
            }
        }

        return true;
    }
}
