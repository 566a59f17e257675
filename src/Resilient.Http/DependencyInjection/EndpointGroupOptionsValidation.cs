using Microsoft.Extensions.Options;

namespace Resilient.Http;

/// <summary>
/// Validates each registered group's options when the host starts (and whenever they are read), with messages that
/// name the full configuration key: <c>Resilient:Groups:catalog:Endpoints:1:Address: 'htp//x' is not an absolute http or https URI</c>.
/// </summary>
internal sealed class EndpointGroupOptionsValidation(IEnumerable<EndpointGroupRegistration> registrations, LoadBalancerRegistry registry) : IValidateOptions<EndpointGroupOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointGroupOptions options)
    {
        var registration = registrations.LastOrDefault(r => r.Name == name);
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = new List<string>(options.BindingErrors);
        foreach (var error in EndpointGroupOptionsValidator.Validate(options, registry, out var endpoints))
        {
            // HTTP groups need http or https addresses; say so in the one message about the address.
            errors.Add($"{registration.ConfigurationPath}:{error.Replace("is not an absolute URI", "is not an absolute http or https URI", StringComparison.Ordinal)}");
        }

        for (var i = 0; i < options.Endpoints.Count; i++)
        {
            var address = options.Endpoints[i].Address;
            if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            {
                errors.Add($"{registration.ConfigurationPath}:Endpoints:{i}:Address: '{address}' is not an absolute http or https URI.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
