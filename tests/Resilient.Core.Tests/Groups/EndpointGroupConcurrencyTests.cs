using System.Collections.Immutable;

namespace Resilient.Core.Tests.Groups;

/// <summary>Picks, completions and endpoint updates on every core at once, bounded by counts (not time).</summary>
public sealed class EndpointGroupConcurrencyTests
{
    public static TheoryData<string> Balancers => new(
        LoadBalancers.RoundRobin, LoadBalancers.WeightedRoundRobin, LoadBalancers.Random, LoadBalancers.PowerOfTwoChoices,
        LoadBalancers.PeakEwma, LoadBalancers.LeastRequests, LoadBalancers.ConsistentHash, LoadBalancers.FirstAvailable);

    [Theory]
    [MemberData(nameof(Balancers))]
    public async Task PicksCompletionsAndUpdates_RunTogether_LeaveNoInFlightAndNeverPickARemovedEndpoint(string balancer)
    {
        const int Updates = 300;
        const int MaxPicksPerThread = 1_000_000;
        const int PicksBetweenUpdates = 300;
        var pickers = Math.Max(2, Environment.ProcessorCount);
        var group = new EndpointGroup("race", TestGroups.Options(balancer, 1, 2, 3, 1));
        var everyRuntime = new System.Collections.Concurrent.ConcurrentDictionary<EndpointRuntime, byte>();
        var removed = ImmutableHashSet<string>.Empty; // addresses removed by updates that have returned
        var violations = 0;
        var next = 100;
        long picks = 0;
        var updaterDone = false;
        var activePickers = Math.Max(2, Environment.ProcessorCount);
        using var start = new Barrier(Math.Max(2, Environment.ProcessorCount) + 1);

        var updater = Task.Factory.StartNew(() =>
        {
            var random = new SeededRandomSource(1);
            start.SignalAndWait();
            for (var u = 0; u < Updates; u++)
            {
                // Let the pickers make progress between updates, so picks really race with every update.
                var target = Interlocked.Read(ref picks) + PicksBetweenUpdates;
                var spinner = default(SpinWait);
                for (var spin = 0; spin < 100_000 && Interlocked.Read(ref picks) < target && Volatile.Read(ref activePickers) > 0; spin++)
                {
                    spinner.SpinOnce(sleep1Threshold: -1);
                }

                var current = group.Endpoints.ToList();
                var victim = current.Count > 2 ? current[random.Next(current.Count)] : null;
                var set = current.Where(e => e != victim).ToList();
                set.Add(new Endpoint(new Uri($"http://n{next}.test/"), $"n{next}", weight: 1 + random.Next(3), tier: random.Next(4) == 0 ? 1 : 0));
                next++;
                if (random.Next(2) == 0 && set.Count > 1)
                {
                    set[0] = new Endpoint(set[0].Address, set[0].Name, weight: 1 + random.Next(5));
                }

                group.UpdateEndpoints(set);
                if (victim is not null)
                {
                    ImmutableInterlocked.Update(ref removed, s => s.Add(victim.Address.AbsoluteUri));
                }

                if (u % 7 == 0)
                {
                    group.Drain(set[^1].Name);
                }
                else if (u % 7 == 3)
                {
                    group.Restore(set[^1].Name);
                }
            }

            Volatile.Write(ref updaterDone, true);
        }, TaskCreationOptions.LongRunning);

        var workers = Enumerable.Range(0, pickers).Select(t => Task.Factory.StartNew(() =>
        {
            var held = new Queue<EndpointLease>();
            start.SignalAndWait();
            for (var i = 0; i < MaxPicksPerThread && !Volatile.Read(ref updaterDone); i++)
            {
                Interlocked.Increment(ref picks);
                var removedBefore = Volatile.Read(ref removed);
                var tried = default(TriedEndpoints);
                if (!group.TryAcquire((ulong)(i * 31 + t), ref tried, out var lease))
                {
                    continue;
                }

                everyRuntime.TryAdd(lease.Runtime!, 0);
                if (removedBefore.Contains(lease.Endpoint!.Address.AbsoluteUri))
                {
                    Interlocked.Increment(ref violations);
                }

                // Keep a few attempts open so in-flight counts are non-trivial while updates run.
                held.Enqueue(lease);
                if (held.Count > 8)
                {
                    var oldest = held.Dequeue();
                    oldest.Complete(i % 5 == 0 ? EndpointOutcome.Failure : EndpointOutcome.Success);
                }
            }

            while (held.Count > 0)
            {
                var lease = held.Dequeue();
                lease.Complete(EndpointOutcome.Success);
            }

            Interlocked.Decrement(ref activePickers);
        }, TaskCreationOptions.LongRunning)).ToArray();

        await Task.WhenAll(workers.Append(updater)).WaitAsync(TimeSpan.FromMinutes(2));

        violations.Should().Be(0, "no pick that started after an update returned may get the endpoint it removed");
        everyRuntime.Keys.Should().OnlyContain(r => r.InFlight == 0);
        everyRuntime.Keys.Sum(r => r.CompletedCount).Should().BeGreaterThan(Updates * PicksBetweenUpdates / 2);
        everyRuntime.Should().HaveCountGreaterThan(20, "picks reached endpoints added during the run");
    }
}
