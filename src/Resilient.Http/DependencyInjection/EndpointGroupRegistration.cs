namespace Resilient.Http;

/// <summary>Records that a group of this name was registered, and where its configuration lives (for error messages).</summary>
internal sealed class EndpointGroupRegistration(string name, string configurationPath)
{
    public string Name { get; } = name;

    public string ConfigurationPath { get; } = configurationPath;
}
