using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Groups;

public sealed class AttemptObserverTests
{
    [Fact]
    public void Observer_SeesItsOwnGroupInstance_NotAnotherOfTheSameName_AndStopsWhenDisposed()
    {
        var time = new FakeTimeProvider();
        var mine = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(1), time, 1, 1);
        var other = TestGroups.Create(LoadBalancers.RoundRobin, new SeededRandomSource(2), time, 1, 1);
        mine.Name.Should().Be(other.Name, "the meter could not tell these two apart");
        var seen = new Recorder();
        var subscription = mine.AttemptObservers.Add(seen);

        mine.TryAcquire(out var a);
        other.TryAcquire(out var b);
        time.Advance(TimeSpan.FromMilliseconds(3));
        a.Complete(EndpointOutcome.Failure);
        b.Complete(EndpointOutcome.Success);
        subscription.Dispose();
        mine.TryAcquire(out var c);
        c.Complete(EndpointOutcome.Success);

        seen.Attempts.Should().ContainSingle().Which.Should().Be((a.Endpoint!.Name, EndpointOutcome.Failure, 0.003));
    }

    private sealed class Recorder : IAttemptObserver
    {
        public List<(string Endpoint, EndpointOutcome Outcome, double Seconds)> Attempts { get; } = [];

        public void OnAttempt(Endpoint endpoint, EndpointOutcome outcome, double seconds) =>
            Attempts.Add((endpoint.Name, outcome, Math.Round(seconds, 6)));

        public void OnExtraAttempt(bool hedge)
        {
        }
    }
}
