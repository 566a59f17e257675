using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Selection;

public sealed class EndpointLeaseAnswerTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Complete_AfterASlowRead_LearnsTheLatencyToTheAnswer_NotToTheEndOfTheBody()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), _time, 1);
        group.TryAcquire(out var lease).Should().BeTrue();
        _time.Advance(TimeSpan.FromMilliseconds(5));
        lease.MarkAnswered(_time.GetTimestamp());

        // The caller takes 100 ms to read the body; the endpoint answered in 5 ms. (The estimate decays with a 10 s
        // time constant, so 100 ms later it is still within 1 % of the sample.)
        _time.Advance(TimeSpan.FromMilliseconds(100));
        group.Snapshot("e0").InFlight.Should().Be(1, "the attempt lasts until the body is read");
        lease.Complete(EndpointOutcome.Success);

        group.Snapshot("e0").InFlight.Should().Be(0);
        group.Snapshot("e0").LatencyEstimate!.Value.TotalMilliseconds.Should().BeApproximately(5, 0.5);
    }

    [Fact]
    public void Complete_WithoutAnAnswer_LearnsTheWholeDuration()
    {
        var group = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), _time, 1);
        group.TryAcquire(out var lease).Should().BeTrue();
        _time.Advance(TimeSpan.FromMilliseconds(40));

        lease.Complete(EndpointOutcome.Timeout);

        group.Snapshot("e0").LatencyEstimate!.Value.TotalMilliseconds.Should().BeApproximately(40, 0.5);
    }
}
