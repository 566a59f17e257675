using Microsoft.Extensions.Configuration;

namespace Resilient.Http;

/// <summary>Records that a client gets a group's faults, and where the group's chaos settings live (for messages and reloads).</summary>
internal sealed class ChaosRegistration(string clientName, string groupName, string configurationPath, IConfigurationSection? section)
{
    public string ClientName { get; } = clientName;

    public string GroupName { get; } = groupName;

    /// <summary>Gets the full key of the chaos section, such as <c>Resilient:Groups:catalog:Chaos</c>.</summary>
    public string ConfigurationPath { get; } = configurationPath;

    /// <summary>Gets the chaos section, watched for reloads; null when configured in code.</summary>
    public IConfigurationSection? Section { get; } = section;
}
