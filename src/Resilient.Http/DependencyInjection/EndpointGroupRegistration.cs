namespace Resilient.Http;

/// <summary>Records that a group of this name was registered, and where its configuration lives (for error messages).</summary>
internal sealed class EndpointGroupRegistration(string name, string configurationPath, Microsoft.Extensions.Configuration.IConfigurationSection? section = null)
{
    /// <summary>Gets the section the group was bound from, watched for reloads; null for groups configured in code.</summary>
    public Microsoft.Extensions.Configuration.IConfigurationSection? Section { get; } = section;

    public string Name { get; } = name;

    public string ConfigurationPath { get; } = configurationPath;
}
