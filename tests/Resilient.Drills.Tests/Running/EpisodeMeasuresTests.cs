using Microsoft.Extensions.Time.Testing;

namespace Resilient.Drills.Tests.Running;

public sealed class EpisodeMeasuresTests
{
    private static readonly FakeTimeProvider s_time = new();

    [Fact]
    public void TrafficLeft_IsWhenAWholeWindowHoldsAtMostATenthOfSteadyTraffic_OneTrialNotCounting()
    {
        // 20 attempts a second until 2 s, two refused attempts just after, then one trial at 2.8 s.
        var starts = Every(0.05, 0, 2).Concat([At(2.001), At(2.004), At(2.8)]).ToArray();
        var measures = new EpisodeMeasures(starts, 20, new DrillOptions(), s_time);

        measures.TrafficLeft(At(2), At(4)).Should().Be(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public void TrafficLeft_IsNullWhenTrafficStayed_OrTheEndpointHadNoSteadyTraffic()
    {
        var starts = Every(0.05, 0, 4).ToArray();

        new EpisodeMeasures(starts, 20, new DrillOptions(), s_time).TrafficLeft(At(2), At(4)).Should().BeNull();
        new EpisodeMeasures(starts, 0, new DrillOptions(), s_time).TrafficLeft(At(2), At(4)).Should().BeNull();
    }

    [Fact]
    public void TrafficReturned_IsTheFirstAttemptOfAWindowHoldingHalfOfSteadyTraffic()
    {
        // Restored at 3 s: one trial at 3.4 s, then 20 a second from 3.9 s.
        var starts = Every(0.05, 0, 2).Concat([At(3.4)]).Concat(Every(0.05, 3.9, 6)).ToArray();
        var measures = new EpisodeMeasures(starts, 20, new DrillOptions(), s_time);

        measures.TrafficReturned(At(3), At(6)).Should().BeCloseTo(TimeSpan.FromSeconds(0.9), TimeSpan.FromMilliseconds(1));
        measures.TrafficReturned(At(3), At(3.8)).Should().BeNull("not within the time given");
    }

    private static long At(double seconds) => (long)(seconds * s_time.TimestampFrequency);

    private static IEnumerable<long> Every(double step, double from, double to)
    {
        for (var t = from; t < to - 1e-9; t += step)
        {
            yield return At(t);
        }
    }
}
