namespace Resilient.Http.Tests.Handlers;

public sealed class StatusCodeSetTests
{
    [Fact]
    public void Contains_ExactlyTheConfiguredCodes()
    {
        var set = new StatusCodeSet([500, 502, 503, 504, 408, 599, 100]);

        var members = Enumerable.Range(-1, 700).Where(set.Contains).ToArray();

        members.Should().Equal(100, 408, 500, 502, 503, 504, 599);
    }

    [Fact]
    public void Contains_CodesOutsideTheRange_AreNeverMembers()
    {
        var set = new StatusCodeSet([-5, 640, 1000, 639]);

        set.Contains(639).Should().BeTrue();
        set.Contains(640).Should().BeFalse();
        set.Contains(-5).Should().BeFalse();
        set.Contains(int.MinValue).Should().BeFalse();
    }
}
