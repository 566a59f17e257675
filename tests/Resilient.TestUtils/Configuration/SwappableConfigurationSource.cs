using Microsoft.Extensions.Configuration;

namespace Resilient.TestUtils;

/// <summary>An in-memory configuration whose whole content can be replaced, raising a reload, as an edited appsettings.json would.</summary>
internal sealed class SwappableConfigurationSource : IConfigurationSource
{
    public SwappableProvider Provider { get; } = new();

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;

    internal sealed class SwappableProvider : ConfigurationProvider
    {
        public void Replace(IDictionary<string, string?> data)
        {
            Data = new Dictionary<string, string?>(data, StringComparer.OrdinalIgnoreCase);
            OnReload();
        }
    }
}
