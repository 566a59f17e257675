using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Resilient.Http;

/// <summary>
/// Hand-written, reflection-free reading of configuration values (AOT- and trim-safe). Every problem is reported
/// with the full configuration key and the offending value, and keys nobody reads are reported as unknown, so a
/// typo such as <c>LoadBalancr</c> is never silently ignored.
/// </summary>
internal sealed class ConfigurationReader(List<string> errors)
{
    public List<string> Errors { get; } = errors;

    public void String(IConfigurationSection section, string key, Action<string?> assign)
    {
        var child = section.GetSection(key);
        if (child.Value is not null)
        {
            assign(child.Value.Length == 0 ? null : child.Value);
        }
    }

    public void Int(IConfigurationSection section, string key, Action<int> assign)
    {
        var value = section.GetSection(key).Value;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed))
        {
            assign(parsed);
        }
        else
        {
            Errors.Add($"{section.Path}:{key}: '{value}' is not a whole number.");
        }
    }

    public void Double(IConfigurationSection section, string key, Action<double> assign)
    {
        var value = section.GetSection(key).Value;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            assign(parsed);
        }
        else
        {
            Errors.Add($"{section.Path}:{key}: '{value}' is not a number.");
        }
    }

    public void Bool(IConfigurationSection section, string key, Action<bool> assign)
    {
        var value = section.GetSection(key).Value;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (bool.TryParse(value, out var parsed))
        {
            assign(parsed);
        }
        else
        {
            Errors.Add($"{section.Path}:{key}: '{value}' is not true or false.");
        }
    }

    public void Time(IConfigurationSection section, string key, Action<TimeSpan> assign)
    {
        var value = section.GetSection(key).Value;
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var parsed))
        {
            assign(parsed);
        }
        else
        {
            Errors.Add($"{section.Path}:{key}: '{value}' is not a time span such as 00:00:30.");
        }
    }

    /// <summary>Reports every child of <paramref name="section"/> whose key is not in <paramref name="known"/>.</summary>
    public void RejectUnknown(IConfigurationSection section, params string[] known)
    {
        foreach (var child in section.GetChildren())
        {
            if (Array.FindIndex(known, k => string.Equals(k, child.Key, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                var suggestion = Closest(child.Key, known);
                Errors.Add($"{child.Path}: unknown setting '{child.Key}'{(suggestion is null ? "" : $" (did you mean '{suggestion}'?)")}; known: {string.Join(", ", known)}.");
            }
        }
    }

    private static string? Closest(string key, string[] known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(key.ToUpperInvariant(), candidate.ToUpperInvariant());
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return bestDistance <= Math.Max(2, key.Length / 4) ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
