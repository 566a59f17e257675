using Microsoft.Extensions.Configuration;

namespace Resilient.Http;

/// <summary>Binds the <c>Resilient:Groups:{name}</c> schema of SPEC.md section 5 onto <see cref="EndpointGroupOptions"/>, by hand.</summary>
internal static class EndpointGroupOptionsBinder
{
    public static void Bind(IConfigurationSection section, EndpointGroupOptions options, List<string> errors)
    {
        var read = new ConfigurationReader(errors);
        // "Chaos" belongs to the group's section but is bound by AddChaos (Chaos/ChaosOptionsBinder.cs).
        read.RejectUnknown(section, "LoadBalancer", "Endpoints", "PassiveHealth", "ActiveHealth", "SlowStartWindow", "LocalZone", "Failover", "Chaos");
        read.String(section, "LoadBalancer", v => options.LoadBalancer = v ?? options.LoadBalancer);
        read.String(section, "LocalZone", v => options.LocalZone = v);
        read.Time(section, "SlowStartWindow", v => options.SlowStartWindow = v);
        BindEndpoints(section.GetSection("Endpoints"), options, read);
        BindPassive(section.GetSection("PassiveHealth"), options.PassiveHealth, read);
        BindActive(section.GetSection("ActiveHealth"), options.ActiveHealth, read);
        BindFailover(section.GetSection("Failover"), options.Failover, read);
    }

    private static void BindEndpoints(IConfigurationSection section, EndpointGroupOptions options, ConfigurationReader read)
    {
        var children = section.GetChildren().ToList();
        if (children.Count == 0)
        {
            return;
        }

        options.Endpoints.Clear();
        foreach (var child in children.OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            var endpoint = new EndpointOptions();
            if (child.Value is not null && !child.GetChildren().Any())
            {
                // Shorthand: "Endpoints": [ "https://a:8443/", "https://b:8443/" ]
                endpoint.Address = child.Value;
                options.Endpoints.Add(endpoint);
                continue;
            }

            read.RejectUnknown(child, "Address", "Name", "Weight", "Tier", "Zone", "Metadata");
            read.String(child, "Address", v => endpoint.Address = v);
            read.String(child, "Name", v => endpoint.Name = v);
            read.Int(child, "Weight", v => endpoint.Weight = v);
            read.Int(child, "Tier", v => endpoint.Tier = v);
            read.String(child, "Zone", v => endpoint.Zone = v);
            foreach (var item in child.GetSection("Metadata").GetChildren())
            {
                if (item.Value is not null)
                {
                    endpoint.Metadata[item.Key] = item.Value;
                }
            }

            options.Endpoints.Add(endpoint);
        }
    }

    private static void BindPassive(IConfigurationSection section, PassiveHealthOptions passive, ConfigurationReader read)
    {
        read.RejectUnknown(section, "ConsecutiveFailures", "FailureRateThreshold", "SamplingDuration", "MinimumThroughput", "BaseEjectionTime", "MaxEjectionTime", "MaxEjectionPercent");
        read.Int(section, "ConsecutiveFailures", v => passive.ConsecutiveFailures = v);
        read.Double(section, "FailureRateThreshold", v => passive.FailureRateThreshold = v);
        read.Time(section, "SamplingDuration", v => passive.SamplingDuration = v);
        read.Int(section, "MinimumThroughput", v => passive.MinimumThroughput = v);
        read.Time(section, "BaseEjectionTime", v => passive.BaseEjectionTime = v);
        read.Time(section, "MaxEjectionTime", v => passive.MaxEjectionTime = v);
        read.Int(section, "MaxEjectionPercent", v => passive.MaxEjectionPercent = v);
    }

    private static void BindActive(IConfigurationSection section, ActiveHealthOptions active, ConfigurationReader read)
    {
        read.RejectUnknown(section, "Enabled", "Path", "Interval", "Timeout", "UnhealthyThreshold", "HealthyThreshold");
        read.Bool(section, "Enabled", v => active.Enabled = v);
        read.String(section, "Path", v => active.Path = v ?? active.Path);
        read.Time(section, "Interval", v => active.Interval = v);
        read.Time(section, "Timeout", v => active.Timeout = v);
        read.Int(section, "UnhealthyThreshold", v => active.UnhealthyThreshold = v);
        read.Int(section, "HealthyThreshold", v => active.HealthyThreshold = v);
    }

    private static void BindFailover(IConfigurationSection section, FailoverOptions failover, ConfigurationReader read)
    {
        read.RejectUnknown(section, "MaxAttempts", "AttemptTimeout", "TotalTimeout", "RetryBudgetPercent", "MinRetriesPerSecond", "HedgingDelay", "RetryNonIdempotent", "MaxReplayBufferSize", "FailureStatusCodes");
        read.Int(section, "MaxAttempts", v => failover.MaxAttempts = v);
        read.Time(section, "AttemptTimeout", v => failover.AttemptTimeout = v);
        read.Time(section, "TotalTimeout", v => failover.TotalTimeout = v);
        read.Double(section, "RetryBudgetPercent", v => failover.RetryBudgetPercent = v);
        read.Int(section, "MinRetriesPerSecond", v => failover.MinRetriesPerSecond = v);
        read.String(section, "HedgingDelay", v => failover.HedgingDelay = v);
        read.Bool(section, "RetryNonIdempotent", v => failover.RetryNonIdempotent = v);
        read.Int(section, "MaxReplayBufferSize", v => failover.MaxReplayBufferSize = v);
        var codes = section.GetSection("FailureStatusCodes").GetChildren().ToList();
        if (codes.Count > 0)
        {
            failover.FailureStatusCodes.Clear();
            foreach (var code in codes)
            {
                read.Int(section.GetSection("FailureStatusCodes"), code.Key, failover.FailureStatusCodes.Add);
            }
        }
    }
}
