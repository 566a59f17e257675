using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

/// <summary>Outcomes from every core while time moves, endpoints drain and the set changes; bounded by counts.</summary>
public sealed class HealthConcurrencyTests
{
    [Fact]
    public async Task Outcomes_FromAllCoresDuringTransitions_LeaveStateAndCountersConsistent()
    {
        const int CallsPerThread = 30_000;
        var time = new FakeTimeProvider();
        var options = TestGroups.Options(LoadBalancers.PowerOfTwoChoices, 1, 2, 1, 2, 1, 2);
        options.SlowStartWindow = TimeSpan.FromSeconds(5);
        var group = new EndpointGroup("race", options, time);
        var completed = 0L;
        var everyRuntime = new System.Collections.Concurrent.ConcurrentDictionary<EndpointRuntime, byte>();
        var callers = Math.Max(2, Environment.ProcessorCount);
        var running = callers;
        var outcomes = new[] { EndpointOutcome.Success, EndpointOutcome.Success, EndpointOutcome.Success, EndpointOutcome.Failure, EndpointOutcome.Timeout, EndpointOutcome.Unreachable, EndpointOutcome.Throttled, EndpointOutcome.Cancelled };

        var workers = Enumerable.Range(0, callers).Select(t => Task.Factory.StartNew(() =>
        {
            var random = new Random(t);
            for (var i = 0; i < CallsPerThread; i++)
            {
                var tried = default(TriedEndpoints);
                if (!group.TryAcquire(ref tried, out var lease))
                {
                    continue;
                }

                everyRuntime.TryAdd(lease.Runtime!, 0);
                if (lease.Complete(outcomes[random.Next(outcomes.Length)], TimeSpan.FromSeconds(random.Next(3))))
                {
                    Interlocked.Increment(ref completed);
                }
            }

            Interlocked.Decrement(ref running);
        }, TaskCreationOptions.LongRunning)).ToArray();

        var operatorTask = Task.Factory.StartNew(() =>
        {
            var random = new Random(99);
            var next = 0;
            for (var i = 0; Volatile.Read(ref running) > 0 && i < 200_000; i++)
            {
                time.Advance(TimeSpan.FromMilliseconds(random.Next(1, 400)));
                var names = group.Endpoints.Select(e => e.Name).ToList();
                switch (random.Next(20))
                {
                    case 0:
                        group.Drain(names[random.Next(names.Count)]);
                        break;
                    case 1:
                        group.Restore(names[random.Next(names.Count)]);
                        break;
                    case 2 when names.Count > 4:
                        group.UpdateEndpoints(group.Endpoints.Where(e => e.Name != names[random.Next(names.Count)]).ToList());
                        break;
                    case 3:
                        group.UpdateEndpoints([.. group.Endpoints, new Endpoint(new Uri($"http://x{next}.test/"), $"x{next++}")]);
                        break;
                }

                Thread.Yield();
            }
        }, TaskCreationOptions.LongRunning);

        await Task.WhenAll(workers.Append(operatorTask)).WaitAsync(TimeSpan.FromMinutes(2));

        everyRuntime.Keys.Should().OnlyContain(r => r.InFlight == 0);
        everyRuntime.Keys.Sum(r => r.CompletedCount).Should().Be(completed);
        everyRuntime.Keys.Should().OnlyContain(r => r.Health.TrialToken == 0, "no trial is outstanding once every lease completed");
        var members = group.Endpoints.Select(e => group.FindRuntime(e.Name)!).ToList();
        members.Count(r => r.Health.Status == EndpointHealthStatus.Ejected).Should().BeLessThanOrEqualTo(Math.Max(1, members.Count / 2), "MaxEjectionPercent 50");
        foreach (var runtime in everyRuntime.Keys.Where(r => !r.IsRemoved))
        {
            var health = runtime.Health;
            (health.Status == EndpointHealthStatus.Healthy && health.TrialPending).Should().BeFalse("a healthy endpoint has no pending trial");
            health.Watch.Should().Be(health.Status != EndpointHealthStatus.Healthy || health.TrialPending ? 1 : 0);
        }

        // Once time has moved past every deadline, nothing stays out for good: trials bring endpoints back.
        group.UpdateEndpoints(group.Endpoints);
        foreach (var endpoint in group.Endpoints)
        {
            group.Restore(endpoint.Name);
        }

        for (var round = 0; round < 20; round++)
        {
            time.Advance(TimeSpan.FromSeconds(31));
            for (var i = 0; i < 50 && group.TryAcquire(out var lease); i++)
            {
                lease.Complete(EndpointOutcome.Success);
            }
        }

        group.GetSnapshot().Endpoints.Should().OnlyContain(e => e.State == EndpointState.Available);
    }
}
