using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Selection;

public sealed class TriedEndpointsTests
{
    [Fact]
    public void Add_MoreThanTheInlineEight_SpillsAndStillFindsEveryEndpoint()
    {
        var runtimes = TestGroups.Runtimes(new FakeTimeProvider(), 20);
        var tried = default(TriedEndpoints);

        foreach (var runtime in runtimes.Take(19))
        {
            tried.Add(runtime);
            tried.Add(runtime);
        }

        tried.Count.Should().Be(19);
        runtimes.Take(19).Should().OnlyContain(r => tried.Contains(r));
        tried.Contains(runtimes[19]).Should().BeFalse();
        tried.Clear();
        tried.Count.Should().Be(0);
        tried.Contains(runtimes[0]).Should().BeFalse();
    }

    [Fact]
    public void TryAcquire_TwelveEndpoints_RetriesVisitAllOfThemOnce()
    {
        var group = TestGroups.Create(LoadBalancers.Random, new SeededRandomSource(4), null, Enumerable.Repeat(1, 12).ToArray());
        var tried = default(TriedEndpoints);
        var names = new HashSet<string>();

        while (group.TryAcquire(ref tried, out var lease))
        {
            names.Add(lease.Endpoint!.Name).Should().BeTrue();
            lease.Attempt.Should().Be(names.Count);
            lease.Complete(EndpointOutcome.Failure);
        }

        names.Should().HaveCount(12);
    }
}
