namespace Resilient.Core.Tests.Health.Probing;

public sealed class ProbeResultTests
{
    [Fact]
    public void Healthy_IsHealthyWithoutAReason()
    {
        ProbeResult.Healthy.IsHealthy.Should().BeTrue();
        ProbeResult.Healthy.Reason.Should().BeNull();
        ProbeResult.Healthy.ToString().Should().Be("Healthy");
    }

    [Fact]
    public void Default_IsUnhealthy_SoAForgottenAssignmentNeverVouchesForAnEndpoint()
    {
        default(ProbeResult).IsHealthy.Should().BeFalse();
    }

    [Fact]
    public void Unhealthy_KeepsItsReasonAndComparesByValue()
    {
        var result = ProbeResult.Unhealthy("HTTP 503");

        result.IsHealthy.Should().BeFalse();
        result.Reason.Should().Be("HTTP 503");
        result.ToString().Should().Be("Unhealthy: HTTP 503");
        (result == ProbeResult.Unhealthy("HTTP 503")).Should().BeTrue();
        (result != ProbeResult.Unhealthy("HTTP 500")).Should().BeTrue();
        result.Should().NotBe(ProbeResult.Healthy);
    }
}
