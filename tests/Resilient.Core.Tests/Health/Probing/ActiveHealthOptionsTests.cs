namespace Resilient.Core.Tests.Health.Probing;

public sealed class ActiveHealthOptionsTests
{
    [Fact]
    public void Defaults_AreTheSpecsAndValid()
    {
        var options = new ActiveHealthOptions();

        options.Enabled.Should().BeFalse("active probes are off by default");
        options.Path.Should().Be("/healthz");
        options.Interval.Should().Be(TimeSpan.FromSeconds(10));
        options.Timeout.Should().Be(TimeSpan.FromSeconds(2));
        options.UnhealthyThreshold.Should().Be(2);
        options.HealthyThreshold.Should().Be(1);
        var errors = new List<string>();
        ActiveHealthOptionsValidator.Validate(options, errors);
        errors.Should().BeEmpty();
    }

    [Fact]
    public void Validate_EveryBadSetting_IsReportedWithItsKey()
    {
        var options = new ActiveHealthOptions
        {
            Path = "",
            Interval = TimeSpan.FromDays(2),
            Timeout = TimeSpan.Zero,
            UnhealthyThreshold = -1,
            HealthyThreshold = 0,
        };
        var errors = new List<string>();

        ActiveHealthOptionsValidator.Validate(options, errors);

        errors.Select(e => e[..e.IndexOf(':', "ActiveHealth:".Length)]).Should().Equal(
            "ActiveHealth:Path", "ActiveHealth:Interval", "ActiveHealth:Timeout", "ActiveHealth:UnhealthyThreshold", "ActiveHealth:HealthyThreshold");
    }
}
