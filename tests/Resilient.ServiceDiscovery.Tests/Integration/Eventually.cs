namespace Resilient.ServiceDiscovery.Tests.Integration;

/// <summary>Discovery updates the group in the background: tests poll for the outcome, bounded in time.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task TrueAsync(Func<bool> condition, string because)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                condition().Should().BeTrue(because);
                return;
            }

            await Task.Delay(20);
        }
    }
}
