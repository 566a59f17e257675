using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Failover;

public sealed class FailoverEngineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_FailedAnswers_RetryOnDistinctEndpoints_AndTheLastRealAnswerIsReturned()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 4);
        var op = new ScriptedOperation(mayRetry: true, (name, _) => Task.FromResult($"fail from {name}"));

        var result = await group.Failover.ExecuteAsync(op, CancellationToken.None);

        op.Attempts.Should().Equal("e0", "e1", "e2");
        result.Should().Be("fail from e2", "with no retry left, the caller gets the last real answer");
        op.Discarded.Should().Equal("fail from e0", "fail from e1");
        group.GetSnapshot().Endpoints.Should().OnlyContain(e => e.InFlight == 0);
    }

    [Fact]
    public async Task ExecuteAsync_NotSafeToRepeat_OnlyNeverSentErrorsFailOver()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 3);
        var refused = new ScriptedOperation(mayRetry: false, (name, _) => name == "e0" ? Task.FromException<string>(new InvalidOperationException()) : Task.FromResult("ok"));
        var failed = new ScriptedOperation(mayRetry: false, (_, _) => Task.FromException<string>(new IOException("reset")));

        (await group.Failover.ExecuteAsync(refused, CancellationToken.None)).Should().Be("ok");
        var act = () => group.Failover.ExecuteAsync(failed, CancellationToken.None);

        refused.Attempts.Should().Equal("e0", "e1");
        (await act.Should().ThrowAsync<EndpointUnavailableException>())
            .Which.Message.Should().Contain("may have reached the server and is not safe to repeat");
        failed.Attempts.Should().HaveCount(1);
    }

    [Fact]
    public async Task ExecuteAsync_NoEndpoint_FailsFastNamingTheGroup()
    {
        var group = Group(LoadBalancers.RoundRobin, 3, 1);
        group.Drain("e0");
        var op = new ScriptedOperation(true, (_, _) => Task.FromResult("ok"));

        var act = () => group.Failover.ExecuteAsync(op, CancellationToken.None);

        var error = (await act.Should().ThrowAsync<EndpointUnavailableException>()).Which;
        error.GroupName.Should().Be("test");
        error.Message.Should().Be("Endpoint group 'test': no endpoint is available; no attempt was made.");
        op.Attempts.Should().BeEmpty();
    }

    [Fact]
    public async Task ExecuteAsync_AttemptTimeout_CountsAgainstTheEndpointAndFailsOver()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 2, o => o.Failover.AttemptTimeout = TimeSpan.FromSeconds(2));
        var hang = new TaskCompletionSource<string>();
        var op = new ScriptedOperation(true, (name, _) => name == "e0" ? hang.Task : Task.FromResult("ok"));

        var call = group.Failover.ExecuteAsync(op, CancellationToken.None);
        call.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(2));

        (await call.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be("ok");
        op.Attempts.Should().Equal("e0", "e1");
        group.Snapshot("e0").ConsecutiveFailures.Should().Be(1, "a timeout counts as a failure");
        group.Snapshot("e0").LatencyEstimate.Should().Be(TimeSpan.FromSeconds(2), "and teaches the latency estimate");
    }

    [Fact]
    public async Task ExecuteAsync_TotalTimeout_EndsTheCall()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 3, o =>
        {
            o.Failover.AttemptTimeout = TimeSpan.FromSeconds(4);
            o.Failover.TotalTimeout = TimeSpan.FromSeconds(5);
        });
        var secondAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var op = new ScriptedOperation(true, (_, number) =>
        {
            if (number == 2)
            {
                secondAttempt.TrySetResult();
            }

            return new TaskCompletionSource<string>().Task;
        });

        var call = group.Failover.ExecuteAsync(op, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(4));

        // The first attempt's timeout resumes the engine on the thread pool; the second attempt arms its timer first.
        await secondAttempt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        _time.Advance(TimeSpan.FromSeconds(1));

        var error = (await call.Awaiting(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<TimeoutException>()).Which;
        error.Message.Should().Contain("test timed out after 2 attempts");
        op.Attempts.Should().Equal("e0", "e1");
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancellation_IsNotRetriedNorHeldAgainstTheEndpoint()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 2);
        using var cts = new CancellationTokenSource();
        var op = new ScriptedOperation(true, (_, _) => new TaskCompletionSource<string>().Task);

        var call = group.Failover.ExecuteAsync(op, cts.Token);
        await cts.CancelAsync();

        await call.Awaiting(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
        op.Attempts.Should().Equal("e0");
        var e0 = group.Snapshot("e0");
        (e0.InFlight, e0.ConsecutiveFailures, e0.LatencyEstimate).Should().Be((0, 0, (TimeSpan?)null));
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelledBeforehand_AttemptGetsACancelledToken()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 2);
        var op = new ScriptedOperation(true, (_, _) => new TaskCompletionSource<string>().Task);

        var call = group.Failover.ExecuteAsync(op, new CancellationToken(canceled: true));

        await call.Awaiting(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>();
        op.Attempts.Should().Equal("e0");
        group.Snapshot("e0").ConsecutiveFailures.Should().Be(0);
    }

    [Fact]
    public async Task ExecuteAsync_CallerCancelsWhileARetryWaits_CancelsIt()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 3);
        using var cts = new CancellationTokenSource();
        var op = new ScriptedOperation(true, (name, _) => name == "e0" ? Task.FromResult("fail") : new TaskCompletionSource<string>().Task);

        var call = group.Failover.ExecuteAsync(op, cts.Token);
        await cts.CancelAsync();

        await call.Awaiting(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<OperationCanceledException>("the first attempt answered inline, so the caller link was made for the second, which waits");
        op.Attempts.Should().Equal("e0", "e1");
        op.Discarded.Should().Equal("fail");
    }

    [Fact]
    public async Task ExecuteAsync_TokenADelegateKeeps_IsNeverCancelledByLaterCallsTimingOut()
    {
        var group = Group(LoadBalancers.FirstAvailable, 1, 1, o => o.Failover.AttemptTimeout = TimeSpan.FromSeconds(1));
        var kept = default(CancellationToken);
        await group.ExecuteAsync((_, token) =>
        {
            kept = token;
            return ValueTask.FromResult("ok");
        });

        for (var i = 0; i < 20; i++)
        {
            // Never answers; only the attempt timeout (fake time) ends it.
            var hanging = group.ExecuteAsync((_, token) => new ValueTask<string>(new TaskCompletionSource<string>().Task.WaitAsync(token)));
            _time.Advance(TimeSpan.FromSeconds(1));
            await hanging.Awaiting(c => c.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<Exception>();
        }

        kept.IsCancellationRequested.Should().BeFalse("work the first delegate handed its token to may outlive the call; its source is never reused");
    }

    [Fact]
    public async Task ExecuteAsync_RetryBudgetExhausted_StopsRetryingAndCountsIt()
    {
        var group = Group(LoadBalancers.RoundRobin, 3, 3, o =>
        {
            o.Failover.RetryBudgetPercent = 0;
            o.Failover.MinRetriesPerSecond = 1; // 10 retries per 10 s window
            o.PassiveHealth.ConsecutiveFailures = 1_000;
        });
        var calls = 0;
        var attempts = 0;
        for (var i = 0; i < 40; i++)
        {
            var op = new ScriptedOperation(true, (_, _) => Task.FromException<string>(new IOException("boom")));
            calls++;
            try
            {
                await group.Failover.ExecuteAsync(op, CancellationToken.None);
            }
            catch (EndpointUnavailableException)
            {
            }

            attempts += op.Attempts.Count;
        }

        attempts.Should().Be(calls + 10, "only the floor of 10 retries fits in the window");
        group.RetryBudgetExhaustions.Should().Be(calls - 5, "the first 5 calls retried twice, every later call was refused its first retry");
    }

    [Fact]
    public async Task ExecuteAsync_Hedged_SecondAttemptStartsAfterTheDelay_FirstGoodAnswerWins()
    {
        var group = Group(LoadBalancers.FirstAvailable, 3, 3, o => o.Failover.HedgingDelay = "00:00:01");
        var slow = new TaskCompletionSource<string>();
        var op = new ScriptedOperation(true, (name, _) => name == "e0" ? slow.Task : Task.FromResult($"ok from {name}")) { Hedge = true, IgnoreCancellation = true };

        // The first attempt and the hedge timer start before ExecuteAsync returns, so no waiting is needed here.
        var call = group.Failover.ExecuteAsync(op, CancellationToken.None);
        op.Attempts.Should().Equal("e0");
        _time.Advance(TimeSpan.FromSeconds(1));

        (await call.WaitAsync(TimeSpan.FromSeconds(10))).Should().Be("ok from e1");
        group.Snapshot("e0").InFlight.Should().Be(1, "the losing attempt is still running");
        slow.SetResult("ok from e0, too late");
        op.Discarded.Should().Equal(["ok from e0, too late"], "an answer that arrives after the call moved on is released, never returned");
        op.Accepted.Should().Equal("ok from e1");
        group.GetSnapshot().Endpoints.Should().OnlyContain(e => e.InFlight == 0 && e.ConsecutiveFailures == 0);
    }

    private EndpointGroup Group(string balancer, int maxAttempts, int endpoints, Action<EndpointGroupOptions>? configure = null)
    {
        var options = TestGroups.Options(balancer, Enumerable.Repeat(1, endpoints).ToArray());
        options.Failover.MaxAttempts = maxAttempts;
        configure?.Invoke(options);
        return TestGroups.Create(options, new SeededRandomSource(1), _time);
    }
}
