using System.Diagnostics;

namespace Resilient.Http.Tests.Integration.Chaos;

/// <summary>Faults injected into real clients in front of real Kestrel backends: what the group and the caller see.</summary>
public sealed class ChaosHandlerTests
{
    [Fact]
    public async Task Faults_WithoutEnabled_InjectNothing()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(cluster, c => c.Faults.Add(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse }));

        var (bodies, errors) = await harness.GetAsync(40);

        errors.Should().BeEmpty();
        bodies.Should().Contain("a1").And.Contain("b1");
        harness.Chaos.Enabled.Should().BeFalse("chaos is off unless Enabled is set explicitly");
    }

    [Fact]
    public async Task Refuse_OnAnEndpoint_TheGroupSeesItUnreachable_NoCallFails_AndTheBackendSeesNothing()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1", "c1");
        await using var harness = ChaosHarness.Create(cluster, Enabled(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Endpoints = { "b1" } }));

        var (bodies, errors) = await harness.GetAsync(300);

        errors.Should().BeEmpty("refused attempts fail over");
        bodies.Should().NotContain("b1");
        cluster["b1"].RequestCount.Should().Be(0, "a refused connection never carries the request");
        harness.Group.State("b1").Should().BeOneOf(EndpointState.Unreachable, EndpointState.InTrial);
    }

    [Fact]
    public async Task Refuse_NeverSent_SoEvenAPostFailsOver()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(
            cluster,
            Enabled(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Endpoints = { "a1" } }),
            g => g.LoadBalancer = LoadBalancers.RoundRobin);

        for (var i = 0; i < 20; i++)
        {
            using var response = await harness.Client.PostAsync("/orders", new StringContent("order"));
            response.IsSuccessStatusCode.Should().BeTrue();
        }

        cluster["b1"].RequestCount.Should().Be(20);
    }

    [Fact]
    public async Task Reset_TheEndpointGetsTheRequest_APostIsNotRepeated_AGetFailsOver()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(
            cluster,
            Enabled(new ChaosFaultOptions { Kind = ChaosFaultKind.Reset, Endpoints = { "a1" } }),
            g =>
            {
                g.LoadBalancer = LoadBalancers.FirstAvailable;
                g.Failover.MaxAttempts = 2;
            });

        var post = async () => await harness.Client.PostAsync("/orders", new StringContent("order"));
        (await post.Should().ThrowAsync<HttpRequestException>()).Which.Message.Should().Contain("connection reset");
        cluster["a1"].Requests.Should().ContainSingle(r => r.Method == "POST", "the reset came after the endpoint received the request");
        cluster["b1"].RequestCount.Should().Be(0, "a POST that may have been processed is not sent again");

        using var get = await harness.Client.GetAsync("/items");
        (await get.Content.ReadAsStringAsync()).Should().Be("b1", "a GET fails over after the reset");
    }

    [Fact]
    public async Task Status_OnAZone_EjectsItsEndpoints_TheOtherZoneServes()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "a2", "b1", "b2");
        await using var harness = ChaosHarness.Create(cluster, Enabled(new ChaosFaultOptions { Kind = ChaosFaultKind.Status, StatusCode = 503, Zones = { "a" } }));

        var (bodies, errors) = await harness.GetAsync(200);

        // Seen failing once in about twenty full runs under load, cause not identified: say everything if it recurs.
        var state = string.Join("; ", harness.Group.GetSnapshot().Endpoints.Select(e => $"{e.Endpoint.Name} {e.State} {e.Reason} failures={e.ConsecutiveFailures} ejections={e.EjectionCount}"))
            + $"; budget refusals={harness.Group.RetryBudgetExhaustions}; errors: {string.Join(" | ", errors.Take(5))}";
        errors.Should().BeEmpty("503 answers fail over ({0})", state);
        bodies.Should().OnlyContain(b => b.StartsWith('b'), state);
        (cluster["a1"].RequestCount + cluster["a2"].RequestCount).Should().Be(0, "the synthetic answer never reaches the backend");
        harness.Group.State("a1").Should().BeOneOf([EndpointState.Ejected, EndpointState.InTrial], state);
        harness.Group.State("a2").Should().BeOneOf([EndpointState.Ejected, EndpointState.InTrial], state);
    }

    [Fact]
    public async Task Latency_DelaysTheAttempt_AndEndsWithTheAttemptTimeout()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(
            cluster,
            c =>
            {
                c.Enabled = true;
                c.Faults.Add(new ChaosFaultOptions { Kind = ChaosFaultKind.Latency, Latency = TimeSpan.FromMilliseconds(300), Endpoints = { "a1" } });
                c.Faults.Add(new ChaosFaultOptions { Kind = ChaosFaultKind.Latency, Latency = TimeSpan.FromSeconds(30), Endpoints = { "b1" } });
            },
            g =>
            {
                g.LoadBalancer = LoadBalancers.FirstAvailable;
                g.Failover.AttemptTimeout = TimeSpan.FromSeconds(3);
            });

        var started = Stopwatch.GetTimestamp();
        using (var response = await harness.Client.GetAsync("/items"))
        {
            (await response.Content.ReadAsStringAsync()).Should().Be("a1");
        }

        Stopwatch.GetElapsedTime(started).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(290));

        harness.Group.Drain("a1");
        started = Stopwatch.GetTimestamp();
        var slow = async () => await harness.Client.GetAsync("/items");
        await slow.Should().ThrowAsync<HttpRequestException>("the only endpoint left is 30 s slow");
        Stopwatch.GetElapsedTime(started).Should().BeLessThan(TimeSpan.FromSeconds(10), "the injected delay honours the attempt's timeout");
        cluster["b1"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task AddChaos_BeforeAddEndpointGroup_StillActsOnEachAttemptsEndpoint()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(cluster, Enabled(new ChaosFaultOptions { Kind = ChaosFaultKind.Refuse, Tiers = { 0 }, Endpoints = { "a1" } }), chaosFirst: true);

        var (bodies, errors) = await harness.GetAsync(100);

        errors.Should().BeEmpty();
        bodies.Should().OnlyContain(b => b == "b1");
        cluster["a1"].RequestCount.Should().Be(0);
    }

    [Fact]
    public async Task Controller_SwitchesFaultsAtRunTime()
    {
        await using var cluster = await LoopbackCluster.StartAsync("a1", "b1");
        await using var harness = ChaosHarness.Create(cluster);
        harness.Chaos.Enabled = true;

        var injection = harness.Chaos.Inject(new ChaosFaultOptions { Kind = ChaosFaultKind.Status, Endpoints = { "b1" } });
        var (during, duringErrors) = await harness.GetAsync(100);
        injection.Dispose();
        injection.Dispose();

        duringErrors.Should().BeEmpty();
        during.Should().OnlyContain(b => b == "a1");
        harness.Chaos.Faults.Should().BeEmpty();
        var after = new List<string>();
        for (var round = 0; round < 40 && !after.Contains("b1"); round++)
        {
            await Task.Delay(100);
            after = (await harness.GetAsync(20)).Bodies;
        }

        after.Should().Contain("b1", "once the fault is gone, the ejection ends and a trial re-admits the endpoint");
    }

    private static Action<ChaosOptions> Enabled(ChaosFaultOptions fault) => options =>
    {
        options.Enabled = true;
        options.Faults.Add(fault);
    };
}
