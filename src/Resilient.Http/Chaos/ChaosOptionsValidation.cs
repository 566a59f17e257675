using Microsoft.Extensions.Options;

namespace Resilient.Http;

/// <summary>Validates each group's chaos settings when the host starts, with messages that name the full key.</summary>
internal sealed class ChaosOptionsValidation(IEnumerable<ChaosRegistration> registrations) : IValidateOptions<ChaosOptions>
{
    public ValidateOptionsResult Validate(string? name, ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var registration = registrations.LastOrDefault(r => r.GroupName == name);
        if (registration is null)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = ChaosOptionsValidator.Validate(options, registration.ConfigurationPath);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
