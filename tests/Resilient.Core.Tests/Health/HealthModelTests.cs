using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Health;

/// <summary>
/// Random sequences of calls, direct outcomes, time steps, drains and endpoint updates, applied both to a real
/// group and to <see cref="HealthModel"/>, compared after every step.
/// </summary>
public sealed class HealthModelTests
{
    private static readonly EndpointOutcome[] s_outcomes =
    [
        EndpointOutcome.Success, EndpointOutcome.Success, EndpointOutcome.Success, EndpointOutcome.Failure,
        EndpointOutcome.Failure, EndpointOutcome.Timeout, EndpointOutcome.Unreachable, EndpointOutcome.Unreachable,
        EndpointOutcome.Throttled, EndpointOutcome.Cancelled,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomSteps_GroupAndModelAgreeAfterEveryStep(int seed)
    {
        var time = new FakeTimeProvider();
        var options = TestGroups.Options(LoadBalancers.RoundRobin, 1, 1, 1, 1, 1);
        options.PassiveHealth.ConsecutiveFailures = 3;
        options.PassiveHealth.MinimumThroughput = int.MaxValue; // the model leaves the failure-rate rule to unit tests
        options.PassiveHealth.BaseEjectionTime = TimeSpan.FromSeconds(10);
        options.PassiveHealth.MaxEjectionTime = TimeSpan.FromSeconds(40);
        options.PassiveHealth.MaxEjectionPercent = 40;
        var group = TestGroups.Create(options, new ScriptedRandomSource(0), time);
        var model = new HealthModel(3, 10, 40, 40);
        foreach (var endpoint in group.Endpoints)
        {
            model.Add(endpoint.Name);
        }

        var random = new Random(seed);
        var next = 0;
        var log = new List<string>();
        for (var step = 0; step < 1_500; step++)
        {
            var action = random.Next(100);
            var outcome = s_outcomes[random.Next(s_outcomes.Length)];
            var retryAfter = random.Next(4) == 0 ? 0 : random.Next(1, 70);
            var node = model.Nodes[random.Next(model.Nodes.Count)];
            if (action < 40)
            {
                var acquired = group.TryAcquire(out var lease);
                var trial = model.FirstTrial;
                log.Add($"call -> {(acquired ? lease.Endpoint!.Name + (lease.IsTrial ? " (trial)" : "") : "none")} {outcome}");
                acquired.Should().Be(trial is not null || model.AnyAvailable, Describe(log, model));
                if (!acquired)
                {
                    continue;
                }

                var picked = model[lease.Endpoint!.Name];
                if (trial is not null)
                {
                    (lease.IsTrial, picked.Name).Should().Be((true, trial.Name), Describe(log, model));
                    lease.Complete(outcome, TimeSpan.FromSeconds(retryAfter));
                    model.Trial(picked, outcome, retryAfter);
                }
                else
                {
                    lease.IsTrial.Should().BeFalse(Describe(log, model));
                    picked.State.Should().Be(EndpointState.Available, Describe(log, model));
                    lease.Complete(outcome, TimeSpan.FromSeconds(retryAfter));
                    model.Ordinary(picked, outcome, retryAfter);
                }
            }
            else if (action < 70)
            {
                log.Add($"record {node.Name} {outcome}");
                group.Record(node.Name, outcome, TimeSpan.FromSeconds(retryAfter));
                model.Ordinary(node, outcome, retryAfter);
            }
            else if (action < 88)
            {
                var seconds = random.Next(4) == 0 ? random.Next(1, 50) : random.Next(1, 20) / 10.0;
                log.Add($"advance {seconds}s");
                time.Advance(TimeSpan.FromSeconds(seconds));
                model.Advance(seconds);
            }
            else if (action < 95)
            {
                log.Add($"{(node.Drained ? "restore" : "drain")} {node.Name}");
                _ = node.Drained ? group.Restore(node.Name) : group.Drain(node.Name);
                node.Drained = !node.Drained;
            }
            else if (model.Nodes.Count > 3 && random.Next(2) == 0)
            {
                log.Add($"remove {node.Name}");
                group.UpdateEndpoints(group.Endpoints.Where(e => e.Name != node.Name).ToList());
                model.Remove(node.Name);
            }
            else
            {
                var name = $"n{next++}";
                log.Add($"add {name}");
                group.UpdateEndpoints([.. group.Endpoints, new Endpoint(new Uri($"http://{name}.test/"), name)]);
                model.Add(name);
            }

            foreach (var endpoint in group.GetSnapshot().Endpoints)
            {
                var expected = model[endpoint.Name];
                (endpoint.State, endpoint.ConsecutiveFailures).Should().Be((expected.State, expected.Failures), "{0} after step {1}\n{2}", endpoint.Name, step, Describe(log, model));
            }
        }
    }

    private static string Describe(List<string> log, HealthModel model) =>
        $"t={model.Now:0.###}s; last steps: {string.Join(" | ", log.TakeLast(8))}; model: {string.Join(", ", model.Nodes.Select(n => $"{n.Name}={n.State}/{n.Failures}"))}";
}
