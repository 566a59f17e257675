using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Failover;

public sealed class DeadlineSchedulerTests
{
    private static readonly TimeSpan Tick = TimeSpan.FromTicks(1);
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void AttemptDeadline_FiresExactlyWhenDue_NotATickBefore()
    {
        var scheduler = new DeadlineScheduler(_time, TimeSpan.FromSeconds(2));
        using var call = CallDeadline.Start(_time, scheduler, TimeSpan.FromSeconds(10), CancellationToken.None, _time.GetTimestamp());
        call.StartAttempt(TimeSpan.FromSeconds(2), _time.GetTimestamp());

        _time.Advance(TimeSpan.FromSeconds(2) - Tick);
        call.Token.IsCancellationRequested.Should().BeFalse();
        _time.Advance(Tick);

        call.Token.IsCancellationRequested.Should().BeTrue();
        call.AttemptTimedOut.Should().BeTrue();
        call.TotalTimedOut.Should().BeFalse();
    }

    [Fact]
    public void ManyCalls_EachIsCancelledAtItsOwnDeadline_AndEndedCallsNever()
    {
        var scheduler = new DeadlineScheduler(_time, TimeSpan.FromMilliseconds(100));
        var calls = new List<(CallDeadline Call, int DueMs, bool Ends)>();
        for (var i = 0; i < 50; i++)
        {
            var call = CallDeadline.Start(_time, scheduler, TimeSpan.FromSeconds(30), CancellationToken.None, _time.GetTimestamp());
            var dueMs = 100 + (i * 37 % 900);
            call.StartAttempt(TimeSpan.FromMilliseconds(dueMs), _time.GetTimestamp());
            calls.Add((call, dueMs, i % 5 == 0));
        }

        foreach (var (call, _, ends) in calls.Where(c => c.Ends))
        {
            call.EndAttempt();
            call.Dispose();
        }

        for (var ms = 1; ms <= 1000; ms++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(1));
            foreach (var (call, dueMs, ends) in calls)
            {
                call.Token.IsCancellationRequested.Should().Be(!ends && ms >= dueMs, "call due at {0} ms, now {1} ms", dueMs, ms);
            }
        }

        calls.ForEach(c => c.Call.Dispose());
        _time.Advance(scheduler.SweepPeriod);
        scheduler.IsIdle.Should().BeTrue("the last sweep dropped the ended calls and stopped the timer");
    }

    [Fact]
    public void SecondAttempt_GetsItsOwnDeadline_AndTheTotalCapsIt()
    {
        var scheduler = new DeadlineScheduler(_time, TimeSpan.FromSeconds(1));
        using var call = CallDeadline.Start(_time, scheduler, TimeSpan.FromSeconds(1.5), CancellationToken.None, _time.GetTimestamp());
        call.StartAttempt(TimeSpan.FromSeconds(1), _time.GetTimestamp());
        _time.Advance(TimeSpan.FromSeconds(1));
        call.AttemptTimedOut.Should().BeTrue();
        call.EndAttempt();

        call.StartAttempt(TimeSpan.FromSeconds(1), _time.GetTimestamp());
        call.Token.IsCancellationRequested.Should().BeFalse("a new attempt gets a fresh source");
        _time.Advance(TimeSpan.FromSeconds(0.5) - Tick);
        call.Token.IsCancellationRequested.Should().BeFalse();
        _time.Advance(Tick);

        call.TotalTimedOut.Should().BeTrue("the total timeout came before the second attempt's own");
    }

    [Fact]
    public void BetweenAttempts_NothingIsCancelled_AndAnIdleSchedulerRestartsForTheNextCall()
    {
        var scheduler = new DeadlineScheduler(_time, TimeSpan.FromSeconds(1));
        var first = CallDeadline.Start(_time, scheduler, TimeSpan.FromSeconds(30), CancellationToken.None, _time.GetTimestamp());
        first.StartAttempt(TimeSpan.FromSeconds(1), _time.GetTimestamp());
        first.EndAttempt();
        _time.Advance(TimeSpan.FromSeconds(5));
        first.Token.IsCancellationRequested.Should().BeFalse("an attempt that ended has no deadline");
        first.Dispose();
        _time.Advance(scheduler.SweepPeriod);
        scheduler.IsIdle.Should().BeTrue();

        using var next = CallDeadline.Start(_time, scheduler, TimeSpan.FromSeconds(30), CancellationToken.None, _time.GetTimestamp());
        next.StartAttempt(TimeSpan.FromSeconds(1), _time.GetTimestamp());
        _time.Advance(TimeSpan.FromSeconds(1));

        next.Token.IsCancellationRequested.Should().BeTrue();
    }
}
