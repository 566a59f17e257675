using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Resilient.Http.Tests.Integration;

namespace Resilient.Http.Tests.Telemetry;

/// <summary>The Resilient meter and activity source while one of three real backends dies. Not parallel with other classes: listeners are process-wide.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryIntegrationTests
{
    [Fact]
    public async Task KillOneBackend_MetersCountAttemptsEjectionsRetriesAndAvailability()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b", "c");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.RoundRobin, name: "metered");
        using var requests = new MetricCollector<long>(null, TelemetryNames.Source, TelemetryNames.Requests);
        using var duration = new MetricCollector<double>(null, TelemetryNames.Source, TelemetryNames.RequestDuration);
        using var ejections = new MetricCollector<long>(null, TelemetryNames.Source, TelemetryNames.Ejections);
        using var failover = new MetricCollector<long>(null, TelemetryNames.Source, TelemetryNames.FailoverAttempts);
        using var available = new MetricCollector<int>(null, TelemetryNames.Source, TelemetryNames.Available);
        using var active = new MetricCollector<long>(null, TelemetryNames.Source, TelemetryNames.ActiveRequests);

        await harness.RunAsync(60, 3);
        await cluster["b"].StopAsync();
        var results = await harness.RunAsync(120, 3);
        available.RecordObservableInstruments();
        active.RecordObservableInstruments();

        results.Failed.Should().Be(0);
        var mine = requests.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered")).ToList();
        mine.Should().OnlyContain(m => m.Tags.ContainsKey(TelemetryNames.EndpointTag) && m.Tags.ContainsKey(TelemetryNames.OutcomeTag));
        mine.Where(m => Equals(m.Tags[TelemetryNames.OutcomeTag], "success")).Sum(m => m.Value).Should().Be(180);
        mine.Where(m => Equals(m.Tags[TelemetryNames.EndpointTag], "b") && Equals(m.Tags[TelemetryNames.OutcomeTag], "unreachable")).Sum(m => m.Value).Should().BeGreaterThanOrEqualTo(2);
        mine.Select(m => (string)m.Tags[TelemetryNames.EndpointTag]!).Should().OnlyContain(e => e == "a" || e == "b" || e == "c", "tag values are endpoint names, never URLs");
        duration.Instrument!.Unit.Should().Be("s");
        duration.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered")).Should().OnlyContain(m => m.Value >= 0 && m.Value < 5);
        ejections.GetMeasurementSnapshot().Should().ContainSingle(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered"))
            .Which.Tags.Should().Contain(new KeyValuePair<string, object?>(TelemetryNames.ReasonTag, "unreachable")).And.Contain(new KeyValuePair<string, object?>(TelemetryNames.EndpointTag, "b"));
        failover.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered")).Should().NotBeEmpty()
            .And.OnlyContain(m => Equals(m.Tags[TelemetryNames.ReasonTag], "retry"));
        var gauges = available.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered")).ToDictionary(m => (string)m.Tags[TelemetryNames.EndpointTag]!, m => m.Value);
        gauges.Should().Equal(new Dictionary<string, int> { ["a"] = 1, ["b"] = 0, ["c"] = 1 });
        active.GetMeasurementSnapshot().Where(m => Equals(m.Tags[TelemetryNames.GroupTag], "metered")).Should().OnlyContain(m => m.Value == 0);
    }

    [Fact]
    public async Task KillOneBackend_EachAttemptIsASpanUnderTheCallersActivity()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a", "b");
        await using var harness = GroupClientHarness.Create(cluster, g => g.LoadBalancer = LoadBalancers.FirstAvailable, name: "traced");
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is TelemetryNames.Source or "test",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var source = new ActivitySource("test");
        await cluster["a"].StopAsync();

        using (var caller = source.StartActivity("caller"))
        {
            using var response = await harness.Client.GetAsync("/items");
            response.IsSuccessStatusCode.Should().BeTrue();
            var attempts = spans.Where(s => s.OperationName == TelemetryNames.AttemptActivity && Equals(s.GetTagItem(TelemetryNames.GroupTag), "traced")).ToList();

            attempts.Should().HaveCount(2);
            attempts.Should().OnlyContain(s => s.ParentId == caller!.Id, "every attempt is a child of the caller's activity");
            attempts.Select(s => (s.GetTagItem(TelemetryNames.EndpointTag), s.GetTagItem(TelemetryNames.AttemptTag), s.GetTagItem(TelemetryNames.OutcomeTag), s.GetTagItem(TelemetryNames.HedgeTag)))
                .Should().Equal(("a", (object)1, "unreachable", (object)false), ("b", (object)2, "success", (object)false));
            attempts[0].Status.Should().Be(ActivityStatusCode.Error);
        }
    }
}

[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;
