using Resilient.Drills.Tests.Backends;

namespace Resilient.Drills.Tests.Charts;

public sealed class DrillChartTests
{
    [Fact]
    public async Task SavePng_WritesAPngOfTheRequestedSize()
    {
        await using var harness = await DrillHarness.StartAsync();
        var report = await harness.Runner().RunAsync(
            new DrillScript("chart").Phase("steady", TimeSpan.FromMilliseconds(500)).Phase("a down", TimeSpan.FromMilliseconds(500), DrillAction.TakeDown(DrillTarget.Endpoint("a"))),
            DrillTraffic.Http(harness.Client, "/", 60, 4));
        var path = Path.Combine(Path.GetTempPath(), $"resilient-chart-{Guid.NewGuid():N}", "chart.png");

        try
        {
            var written = DrillChart.SavePng(report, path, 800, 500);

            var bytes = await File.ReadAllBytesAsync(written);
            bytes.Take(8).Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
            BitConverter.ToInt32([.. bytes.Skip(16).Take(4).Reverse()]).Should().Be(800, "the IHDR width");
            BitConverter.ToInt32([.. bytes.Skip(20).Take(4).Reverse()]).Should().Be(500, "the IHDR height");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    [Fact]
    public void RenderPng_TooSmall_Throws()
    {
        var render = () => DrillChart.RenderPng(new DrillReport(), 100, 100);

        render.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("width");
    }
}
