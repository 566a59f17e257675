using Microsoft.Extensions.Configuration;

namespace Resilient.Http;

/// <summary>Binds a group's <c>Chaos</c> section onto <see cref="ChaosOptions"/>, by hand (AOT- and trim-safe).</summary>
internal static class ChaosOptionsBinder
{
    private static readonly string[] s_faultKeys = ["Kind", "Rate", "Endpoints", "Zones", "Tiers", "StatusCode", "Latency"];

    public static void Bind(IConfigurationSection section, ChaosOptions options)
    {
        var read = new ConfigurationReader(options.BindingErrors);
        read.RejectUnknown(section, "Enabled", "Faults");
        read.Bool(section, "Enabled", v => options.Enabled = v);
        var faults = section.GetSection("Faults").GetChildren().ToList();
        if (faults.Count == 0)
        {
            return;
        }

        options.Faults.Clear();
        foreach (var child in faults.OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            options.Faults.Add(BindFault(child, read));
        }
    }

    private static ChaosFaultOptions BindFault(IConfigurationSection section, ConfigurationReader read)
    {
        var fault = new ChaosFaultOptions();
        read.RejectUnknown(section, s_faultKeys);
        var kind = section.GetSection("Kind").Value;
        if (string.IsNullOrEmpty(kind))
        {
            read.Errors.Add($"{section.Path}:Kind: required; one of {string.Join(", ", Enum.GetNames<ChaosFaultKind>())}.");
        }
        else if (Enum.TryParse<ChaosFaultKind>(kind, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsAsciiDigit(kind[0]))
        {
            fault.Kind = parsed;
        }
        else
        {
            read.Errors.Add($"{section.Path}:Kind: '{kind}' is not one of {string.Join(", ", Enum.GetNames<ChaosFaultKind>())}.");
        }

        read.Double(section, "Rate", v => fault.Rate = v);
        read.Int(section, "StatusCode", v => fault.StatusCode = v);
        read.Time(section, "Latency", v => fault.Latency = v);
        foreach (var value in Values(section.GetSection("Endpoints")))
        {
            fault.Endpoints.Add(value.Value!);
        }

        foreach (var value in Values(section.GetSection("Zones")))
        {
            fault.Zones.Add(value.Value!);
        }

        var tiers = section.GetSection("Tiers");
        foreach (var value in Values(tiers))
        {
            read.Int(value == tiers ? section : tiers, value.Key, fault.Tiers.Add);
        }

        return fault;
    }

    /// <summary>A list may be written as an array (<c>["a1", "a2"]</c>) or, for one entry, as a plain value (<c>"a1"</c>).</summary>
    private static IEnumerable<IConfigurationSection> Values(IConfigurationSection section)
    {
        if (section.Value is not null)
        {
            return section.Value.Length == 0 ? [] : [section];
        }

        return section.GetChildren()
            .Where(c => c.Value is not null)
            .OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue);
    }
}
