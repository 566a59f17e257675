using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Failover;

/// <summary>Deadlines are reused across calls through a pool: nothing from one call may reach the next.</summary>
public sealed class CallDeadlineTests
{
    private static readonly TimeSpan Total = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PerAttempt = TimeSpan.FromSeconds(1);

    [Fact]
    public void Rent_AfterACallEnded_ReusesTheDeadlineButNotTheSourceItsResultHolds()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var first = StartCall(pool, time, PerAttempt);
        var firstToken = first.Token;
        first.EndAttempt();
        var held = first.TakeSource();
        first.Dispose();

        var second = StartCall(pool, time);

        held.Should().NotBeNull("a call that ended without a timeout hands its source to its result");
        second.Should().BeSameAs(first, "an ended call's deadline goes back to the pool");
        second.Token.Should().NotBe(firstToken, "a response body may still be read under the old call's token");
        second.Dispose();
        CancellationSources.Return(held);
    }

    [Fact]
    public void Timer_ArmedByAnEndedCall_DoesNotCancelTheNextCallEarly()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var first = StartCall(pool, time, PerAttempt);
        time.Advance(TimeSpan.FromMilliseconds(600));
        first.Dispose();

        var second = StartCall(pool, time, PerAttempt);
        time.Advance(TimeSpan.FromMilliseconds(600));

        second.Token.IsCancellationRequested.Should().BeFalse("the first call's attempt deadline (1 s after its start) is not the second call's");
        time.Advance(TimeSpan.FromMilliseconds(400));
        second.Token.IsCancellationRequested.Should().BeTrue("the second call's own attempt timeout has passed");
        second.AttemptTimedOut.Should().BeTrue();
        second.Dispose();
    }

    [Fact]
    public void EndedCall_ItsTokenIsNeverCancelledByTimeOrByTheNextCall()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        using var firstCaller = new CancellationTokenSource();
        var first = StartCall(pool, time, PerAttempt, firstCaller.Token);
        var ended = first.Token;
        first.EndAttempt();
        var held = first.TakeSource();
        first.Dispose();

        var second = StartCall(pool, time, PerAttempt);
        time.Advance(Total + Total);
        firstCaller.Cancel();

        second.Token.IsCancellationRequested.Should().BeTrue();
        ended.IsCancellationRequested.Should().BeFalse("the body of the first call's response may still be read under it");
        second.Dispose();
        CancellationSources.Return(held);
    }

    [Fact]
    public void CallerToken_OfAnEndedCall_DoesNotReachTheNextCall()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        using var firstCaller = new CancellationTokenSource();
        var first = StartCall(pool, time, caller: firstCaller.Token);
        first.Dispose();

        using var secondCaller = new CancellationTokenSource();
        var second = StartCall(pool, time, PerAttempt, secondCaller.Token);
        firstCaller.Cancel();

        second.Token.IsCancellationRequested.Should().BeFalse();
        secondCaller.Cancel();
        second.Token.IsCancellationRequested.Should().BeTrue("the call's own caller still cancels it");
        second.Dispose();
    }

    [Fact]
    public void CallerToken_IsOnlyRegisteredOnWhenLinked_AndALateLinkStillCancels()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        using var caller = new CancellationTokenSource();
        var deadline = Begun(pool, time, caller.Token);
        deadline.StartAttempt(PerAttempt, time.GetTimestamp());

        caller.Cancel();
        deadline.Token.IsCancellationRequested.Should().BeFalse("an attempt answered inline never needed the caller's cancellation");
        deadline.LinkCaller();

        deadline.Token.IsCancellationRequested.Should().BeTrue("linking after the caller cancelled cancels at once, so a waiting attempt is not missed");
        deadline.AttemptTimedOut.Should().BeFalse();
        deadline.TakeSource().Should().BeNull("a cancelled source is never reused");
        deadline.Dispose();
    }

    [Fact]
    public void Begin_WithACallerThatAlreadyCancelled_StartsCancelled()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);

        var deadline = Begun(pool, time, new CancellationToken(canceled: true));

        deadline.Token.IsCancellationRequested.Should().BeTrue();
        deadline.Dispose();
    }

    [Fact]
    public void TakeSource_OfACallBegunWithoutReuse_GivesNoSource()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var deadline = Begun(pool, time, CancellationToken.None, reuseSource: false);

        deadline.TakeSource().Should().BeNull();
        deadline.Dispose();
    }

    [Fact]
    public void TakeSource_AfterATimeout_GivesNoSourceToReuse()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var deadline = StartCall(pool, time, PerAttempt);
        time.Advance(PerAttempt);

        deadline.AttemptTimedOut.Should().BeTrue();
        deadline.TakeSource().Should().BeNull();
        deadline.Dispose();
    }

    [Fact]
    public void NextAttempt_AfterATimeout_GetsAFreshToken()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var deadline = StartCall(pool, time, PerAttempt);
        var timedOut = deadline.Token;
        time.Advance(PerAttempt);
        deadline.EndAttempt();

        deadline.StartAttempt(PerAttempt, time.GetTimestamp());

        timedOut.IsCancellationRequested.Should().BeTrue();
        deadline.Token.IsCancellationRequested.Should().BeFalse();
        deadline.Dispose();
    }

    [Fact]
    public void Return_WhenFull_RefusesAndTheDeadlineIsNotReused()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(1);
        var a = CallDeadline.Rent(pool, time);
        var b = CallDeadline.Rent(pool, time);
        a.Begin(Total, CancellationToken.None, time.GetTimestamp());
        b.Begin(Total, CancellationToken.None, time.GetTimestamp());
        b.StartAttempt(PerAttempt, time.GetTimestamp());

        a.Dispose();
        b.Dispose();

        CallDeadline.Rent(pool, time).Should().BeSameAs(a);
        CallDeadline.Rent(pool, time).Should().NotBeSameAs(b, "the pool held one deadline; the second was dropped with its timer");
    }

    [Fact]
    public void ShortCalls_OnAPooledDeadline_DoNotMoveTheTimerEachTime()
    {
        var time = new CountingTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        for (var call = 0; call < 100; call++)
        {
            var deadline = StartCall(pool, time, PerAttempt);
            time.Advance(TimeSpan.FromMilliseconds(5));
            deadline.EndAttempt();
            deadline.Dispose();
        }

        time.TimersCreated.Should().Be(1);
        time.Changes.Should().BeLessThanOrEqualTo(1, "each call's deadline is later than the one the timer is already set for; it re-arms when it fires");
    }

    [Fact]
    public void ShorterTimeout_OnAReusedDeadline_MovesTheTimerEarlier()
    {
        var time = new FakeTimeProvider();
        var pool = new BoundedPool<CallDeadline>(4);
        var first = StartCall(pool, time, TimeSpan.FromSeconds(5));
        first.Dispose();

        var second = StartCall(pool, time, PerAttempt);
        time.Advance(PerAttempt);

        second.Token.IsCancellationRequested.Should().BeTrue("the 1 s attempt timeout must not wait for the 5 s one the timer was set for");
        second.Dispose();
    }

    /// <summary>Rents a deadline and begins a call on it, linked to <paramref name="caller"/>; with <paramref name="attemptTimeout"/>, starts its first attempt too.</summary>
    private static CallDeadline StartCall(BoundedPool<CallDeadline> pool, TimeProvider time, TimeSpan? attemptTimeout = null, CancellationToken caller = default)
    {
        var deadline = Begun(pool, time, caller);
        if (attemptTimeout is { } timeout)
        {
            deadline.StartAttempt(timeout, time.GetTimestamp());
        }

        // As the engine does for an attempt that is still waiting.
        deadline.LinkCaller();
        return deadline;
    }

    /// <summary>Rents a deadline and begins a call on it, nothing linked or armed yet.</summary>
    private static CallDeadline Begun(BoundedPool<CallDeadline> pool, TimeProvider time, CancellationToken caller, bool reuseSource = true)
    {
        var deadline = CallDeadline.Rent(pool, time);
        deadline.Begin(Total, caller, time.GetTimestamp(), reuseSource);
        return deadline;
    }

    private sealed class CountingTimeProvider : FakeTimeProvider
    {
        public int TimersCreated { get; private set; }

        public int Changes { get; private set; }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            TimersCreated++;
            return new CountingTimer(base.CreateTimer(callback, state, dueTime, period), this);
        }

        private sealed class CountingTimer(ITimer inner, CountingTimeProvider owner) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                owner.Changes++;
                return inner.Change(dueTime, period);
            }

            public void Dispose() => inner.Dispose();

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
