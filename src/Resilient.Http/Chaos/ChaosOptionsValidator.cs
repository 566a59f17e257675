using System.Globalization;

namespace Resilient.Http;

/// <summary>Checks chaos settings; every message starts with the key it is about (<c>{path}:Faults:0:Rate: ...</c>).</summary>
internal static class ChaosOptionsValidator
{
    public static List<string> Validate(ChaosOptions options, string path)
    {
        var errors = new List<string>(options.BindingErrors);
        for (var i = 0; i < options.Faults.Count; i++)
        {
            var fault = options.Faults[i];
            if (fault is null)
            {
                errors.Add($"{path}:Faults:{i}: must not be null.");
                continue;
            }

            errors.AddRange(ValidateFault(fault, $"{path}:Faults:{i}"));
        }

        return errors;
    }

    public static List<string> ValidateFault(ChaosFaultOptions fault, string path)
    {
        var prefix = path.Length == 0 ? "" : path + ":";
        var errors = new List<string>();
        if (!Enum.IsDefined(fault.Kind))
        {
            errors.Add($"{prefix}Kind: '{fault.Kind}' is not one of {string.Join(", ", Enum.GetNames<ChaosFaultKind>())}.");
        }

        if (double.IsNaN(fault.Rate) || fault.Rate < 0 || fault.Rate > 1)
        {
            errors.Add($"{prefix}Rate: '{fault.Rate.ToString(CultureInfo.InvariantCulture)}' is not between 0 and 1.");
        }

        if (fault.Kind == ChaosFaultKind.Status && fault.StatusCode is < 200 or > 599)
        {
            errors.Add($"{prefix}StatusCode: '{fault.StatusCode}' is not an HTTP status code from 200 to 599.");
        }

        if (fault.Kind == ChaosFaultKind.Latency && fault.Latency <= TimeSpan.Zero)
        {
            errors.Add($"{prefix}Latency: '{fault.Latency}' must be positive.");
        }

        for (var i = 0; i < fault.Endpoints.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fault.Endpoints[i]))
            {
                errors.Add($"{prefix}Endpoints:{i}: an endpoint's name or address must not be empty.");
            }
        }

        for (var i = 0; i < fault.Zones.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(fault.Zones[i]))
            {
                errors.Add($"{prefix}Zones:{i}: a zone must not be empty.");
            }
        }

        for (var i = 0; i < fault.Tiers.Count; i++)
        {
            if (fault.Tiers[i] < 0)
            {
                errors.Add($"{prefix}Tiers:{i}: '{fault.Tiers[i]}' is not a tier (0 is primary, 1, 2, ... standby).");
            }
        }

        return errors;
    }
}
