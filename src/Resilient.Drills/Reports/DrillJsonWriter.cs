using System.Text;
using System.Text.Json;

namespace Resilient.Drills;

/// <summary>Writes a <see cref="DrillReport"/> as JSON by hand (no reflection: trimming- and AOT-safe). Times are seconds.</summary>
internal static class DrillJsonWriter
{
    public static string Write(DrillReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("name", report.Name);
            json.WriteString("group", report.GroupName);
            json.WriteString("loadBalancer", report.LoadBalancer);
            json.WriteString("traffic", report.Traffic);
            json.WriteString("startedAt", report.StartedAt);
            json.WriteNumber("durationSeconds", Seconds(report.Duration));
            json.WriteBoolean("succeeded", report.Succeeded);
            json.WriteNumber("calls", report.Calls);
            json.WriteNumber("failedCalls", report.FailedCalls);
            json.WriteNumber("attempts", report.Attempts);
            json.WriteNumber("extraAttempts", report.ExtraAttempts);
            json.WriteNumber("retries", report.Retries);
            json.WriteNumber("hedges", report.Hedges);
            json.WriteNumber("retryBudgetExhaustions", report.RetryBudgetExhaustions);
            json.WriteStartArray("errors");
            foreach (var (message, count) in report.Errors)
            {
                json.WriteStartObject();
                json.WriteString("message", message);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WritePhases(json, report);
            WriteEndpoints(json, report);
            WriteSamples(json, report);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void WritePhases(Utf8JsonWriter json, DrillReport report)
    {
        json.WriteStartArray("phases");
        foreach (var phase in report.Phases)
        {
            json.WriteStartObject();
            json.WriteString("name", phase.Name);
            json.WriteStartArray("actions");
            foreach (var action in phase.Actions)
            {
                json.WriteStringValue(action);
            }

            json.WriteEndArray();
            json.WriteNumber("startSeconds", Seconds(phase.Start));
            json.WriteNumber("endSeconds", Seconds(phase.End));
            json.WriteNumber("calls", phase.Calls);
            json.WriteNumber("failedCalls", phase.FailedCalls);
            json.WriteNumber("extraAttempts", phase.ExtraAttempts);
            json.WriteStartObject("latencySeconds");
            json.WriteNumber("p50", Seconds(phase.P50));
            json.WriteNumber("p90", Seconds(phase.P90));
            json.WriteNumber("p99", Seconds(phase.P99));
            json.WriteNumber("max", Seconds(phase.Max));
            json.WriteEndObject();
            json.WriteStartObject("trafficShare");
            foreach (var (endpoint, share) in phase.TrafficShare)
            {
                json.WriteNumber(endpoint, Math.Round(share, 4));
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteEndpoints(Utf8JsonWriter json, DrillReport report)
    {
        json.WriteStartArray("endpoints");
        foreach (var endpoint in report.Endpoints)
        {
            json.WriteStartObject();
            json.WriteString("name", endpoint.Name);
            json.WriteString("zone", endpoint.Zone);
            json.WriteNumber("tier", endpoint.Tier);
            json.WriteNumber("attempts", endpoint.Attempts);
            json.WriteNumber("failedAttempts", endpoint.FailedAttempts);
            json.WriteNumber("share", Math.Round(endpoint.Share, 4));
            json.WriteStartArray("episodes");
            foreach (var episode in endpoint.Episodes)
            {
                json.WriteStartObject();
                json.WriteStartArray("faults");
                foreach (var fault in episode.Faults)
                {
                    json.WriteStringValue(fault);
                }

                json.WriteEndArray();
                json.WriteNumber("startSeconds", Seconds(episode.Start));
                Number(json, "restoredAtSeconds", episode.RestoredAt);
                Number(json, "trafficLeftAfterSeconds", episode.TrafficLeftAfter);
                Number(json, "leftRotationAfterSeconds", episode.LeftRotationAfter);
                json.WriteString("leftRotationAs", episode.LeftRotationAs?.ToString());
                Number(json, "backInRotationAfterSeconds", episode.BackInRotationAfter);
                Number(json, "trafficReturnedAfterSeconds", episode.TrafficReturnedAfter);
                json.WriteNumber("attempts", episode.Attempts);
                json.WriteNumber("failedAttempts", episode.FailedAttempts);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSamples(Utf8JsonWriter json, DrillReport report)
    {
        json.WriteStartArray("samples");
        foreach (var sample in report.Samples)
        {
            json.WriteStartObject();
            json.WriteNumber("offsetSeconds", Seconds(sample.Offset));
            json.WriteString("phase", sample.Phase);
            json.WriteNumber("calls", sample.Calls);
            json.WriteNumber("failedCalls", sample.FailedCalls);
            json.WriteNumber("extraAttempts", sample.ExtraAttempts);
            Number(json, "p99Seconds", sample.P99);
            json.WriteStartObject("endpoints");
            foreach (var endpoint in sample.Endpoints)
            {
                json.WriteStartObject(endpoint.Name);
                json.WriteString("state", endpoint.State.ToString());
                json.WriteNumber("attempts", endpoint.Attempts);
                json.WriteNumber("failedAttempts", endpoint.FailedAttempts);
                json.WriteNumber("share", Math.Round(endpoint.Share, 4));
                Number(json, "latencyEstimateSeconds", endpoint.LatencyEstimate);
                json.WriteNumber("inFlight", endpoint.InFlight);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter json, string name, TimeSpan? value)
    {
        if (value is { } span)
        {
            json.WriteNumber(name, Seconds(span));
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 4);
}
