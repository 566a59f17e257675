namespace Resilient.Http.Tests.Integration.Chaos;

/// <summary>Active probes go through the group's chaos faults, so a drill is not undone by a probe reaching the real process.</summary>
public sealed class ChaosProbeTests
{
    [Fact]
    public async Task RefuseFault_WithActiveProbes_KeepsTheEndpointOut_UntilTheFaultIsLifted()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "a2");
        await using var harness = ChaosHarness.Create(cluster, group: g =>
        {
            g.ActiveHealth.Enabled = true;
            g.ActiveHealth.Interval = TimeSpan.FromMilliseconds(50);
            g.ActiveHealth.Timeout = TimeSpan.FromMilliseconds(500);
        });
        harness.Chaos.Enabled = true;
        var backToAvailable = 0;
        var takenOut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var back = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lifted = 0;
        using var watch = harness.Group.SubscribeHealthChanges(change =>
        {
            if (change.Endpoint.Name == "a1" && change.State == EndpointState.Unreachable)
            {
                takenOut.TrySetResult();
            }
            else if (change.Endpoint.Name == "a1" && change.State == EndpointState.Available)
            {
                Interlocked.Increment(ref backToAvailable);
                if (Volatile.Read(ref lifted) != 0)
                {
                    back.TrySetResult();
                }
            }

            return ValueTask.CompletedTask;
        });

        var fault = harness.Chaos.Inject(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Rate = 1, Endpoints = { "a1" } });
        await takenOut.Task.WaitAsync(TimeSpan.FromSeconds(10));

        harness.Group.Snapshot("a1").State.Should().Be(EndpointState.Unreachable, "failed probes (refused by chaos) take it out");

        // A negative claim needs time to pass: ten more probe intervals on the real clock (this is an integration test).
        await Task.Delay(500);
        Volatile.Read(ref backToAvailable).Should().Be(0, "probes see the injected refusal too, so the endpoint does not flap back");

        Volatile.Write(ref lifted, 1);
        fault.Dispose();
        await back.Task.WaitAsync(TimeSpan.FromSeconds(10));

        harness.Group.Snapshot("a1").State.Should().Be(EndpointState.Available, "once the fault is lifted a good probe brings it back");
    }
}
