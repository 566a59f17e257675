namespace Resilient;

/// <summary>
/// Checks an <see cref="EndpointGroupOptions"/> and turns it into endpoints. Every message starts with the
/// configuration key it is about, relative to the group's section (<c>Endpoints:1:Address</c>), so hosts can
/// prefix the section path and users can find the offending line.
/// </summary>
internal static class EndpointGroupOptionsValidator
{
    public static List<string> Validate(EndpointGroupOptions options, LoadBalancerRegistry registry, out List<Endpoint> endpoints)
    {
        var errors = new List<string>();
        endpoints = [];
        if (string.IsNullOrWhiteSpace(options.LoadBalancer))
        {
            errors.Add("LoadBalancer: a load balancer name is required.");
        }
        else if (!registry.Contains(options.LoadBalancer))
        {
            errors.Add($"LoadBalancer: '{options.LoadBalancer}' is not a known load balancer (known: {string.Join(", ", registry.Names)}).");
        }

        if (options.Endpoints.Count == 0 && !options.EndpointsFromDiscovery)
        {
            errors.Add("Endpoints: at least one endpoint is required.");
        }

        ValidatePassiveHealth(options.PassiveHealth, errors);
        if (options.ActiveHealth.Enabled)
        {
            ActiveHealthOptionsValidator.Validate(options.ActiveHealth, errors);
        }

        FailoverOptionsValidator.Validate(options.Failover, errors);
        if (options.SlowStartWindow < TimeSpan.Zero)
        {
            errors.Add($"SlowStartWindow: '{options.SlowStartWindow}' must not be negative (zero turns slow start off).");
        }

        var addresses = new Dictionary<string, int>(StringComparer.Ordinal);
        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var endpoint = ToEndpoint(options.Endpoints[i], i, errors);
            if (endpoint is null)
            {
                continue;
            }

            if (addresses.TryGetValue(endpoint.Key, out var first))
            {
                errors.Add($"Endpoints:{i}:Address: '{endpoint.Key}' duplicates Endpoints:{first}:Address.");
                continue;
            }

            if (names.TryGetValue(endpoint.Name, out var firstName))
            {
                errors.Add($"Endpoints:{i}:Name: '{endpoint.Name}' duplicates the name of Endpoints:{firstName}; give each endpoint a distinct Name.");
                continue;
            }

            addresses[endpoint.Key] = i;
            names[endpoint.Name] = i;
            endpoints.Add(endpoint);
        }

        return errors;
    }

    private static void ValidatePassiveHealth(PassiveHealthOptions passive, List<string> errors)
    {
        if (passive.ConsecutiveFailures < 1)
        {
            errors.Add($"PassiveHealth:ConsecutiveFailures: '{passive.ConsecutiveFailures}' must be at least 1.");
        }

        if (passive.FailureRateThreshold is <= 0 or > 1 || double.IsNaN(passive.FailureRateThreshold))
        {
            errors.Add($"PassiveHealth:FailureRateThreshold: '{passive.FailureRateThreshold}' must be greater than 0 and at most 1.");
        }

        if (passive.MinimumThroughput < 1)
        {
            errors.Add($"PassiveHealth:MinimumThroughput: '{passive.MinimumThroughput}' must be at least 1.");
        }

        if (passive.MaxEjectionPercent is < 0 or > 100)
        {
            errors.Add($"PassiveHealth:MaxEjectionPercent: '{passive.MaxEjectionPercent}' must be between 0 and 100.");
        }

        Positive("PassiveHealth:SamplingDuration", passive.SamplingDuration, errors);
        Positive("PassiveHealth:BaseEjectionTime", passive.BaseEjectionTime, errors);
        Positive("PassiveHealth:MaxEjectionTime", passive.MaxEjectionTime, errors);
        if (passive.MaxEjectionTime < passive.BaseEjectionTime)
        {
            errors.Add($"PassiveHealth:MaxEjectionTime: '{passive.MaxEjectionTime}' must not be shorter than PassiveHealth:BaseEjectionTime '{passive.BaseEjectionTime}'.");
        }
    }

    private static void Positive(string key, TimeSpan value, List<string> errors)
    {
        if (value <= TimeSpan.Zero)
        {
            errors.Add($"{key}: '{value}' must be a positive time.");
        }
    }

    private static Endpoint? ToEndpoint(EndpointOptions? options, int index, List<string> errors)
    {
        if (options is null)
        {
            errors.Add($"Endpoints:{index}: the endpoint is empty.");
            return null;
        }

        var valid = true;
        if (string.IsNullOrWhiteSpace(options.Address) || !Uri.TryCreate(options.Address, UriKind.Absolute, out var address))
        {
            errors.Add($"Endpoints:{index}:Address: '{options.Address}' is not an absolute URI.");
            address = null;
            valid = false;
        }

        if (options.Weight <= 0)
        {
            errors.Add($"Endpoints:{index}:Weight: '{options.Weight}' must be a positive integer.");
            valid = false;
        }

        if (options.Tier < 0)
        {
            errors.Add($"Endpoints:{index}:Tier: '{options.Tier}' must be 0 (primary) or a positive standby tier.");
            valid = false;
        }

        if (options.Name is not null && string.IsNullOrWhiteSpace(options.Name))
        {
            errors.Add($"Endpoints:{index}:Name: a name must not be blank.");
            valid = false;
        }

        return valid
            ? new Endpoint(address!, options.Name, options.Weight, options.Tier, options.Zone, options.Metadata.Count == 0 ? null : new Dictionary<string, string>(options.Metadata))
            : null;
    }
}
