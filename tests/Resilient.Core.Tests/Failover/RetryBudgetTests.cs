using Microsoft.Extensions.Time.Testing;

namespace Resilient.Core.Tests.Failover;

public sealed class RetryBudgetTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    [Fact]
    public void TryWithdraw_ThousandCallsAndNoFloor_GrantsExactlyTwentyPercent()
    {
        var budget = new RetryBudget(20, 0, Window, new FakeTimeProvider());
        for (var i = 0; i < 1000; i++)
        {
            budget.RecordCall();
        }

        var granted = Withdraw(budget, 1000);

        granted.Should().Be(200);
        budget.TryWithdraw().Should().BeFalse("the 201st retry exceeds 20 % of 1000 calls");
        budget.Current.Should().Be((1000L, 200L), "refused withdrawals are not counted");
    }

    [Fact]
    public void TryWithdraw_NoCalls_FloorAloneAllowsMinRetriesPerSecondTimesTheWindow()
    {
        var time = new FakeTimeProvider();
        var budget = new RetryBudget(RetryBudgetDefaults.RetryPercent, RetryBudgetDefaults.MinRetriesPerSecond, RetryBudgetDefaults.Window, time);

        var granted = Withdraw(budget, 1000);
        time.Advance(TimeSpan.FromSeconds(5));

        granted.Should().Be(10 * 10);
        budget.TryWithdraw().Should().BeFalse("the floor is per window, not refilled every second");
    }

    [Fact]
    public void TryWithdraw_ZeroPercent_OnlyTheFloorApplies()
    {
        var budget = new RetryBudget(0, 3, Window, new FakeTimeProvider());
        for (var i = 0; i < 10_000; i++)
        {
            budget.RecordCall();
        }

        Withdraw(budget, 1000).Should().Be(30);
    }

    [Fact]
    public void TryWithdraw_AfterOldBucketsLeaveTheWindow_RecoversWhatTheyHeld()
    {
        var time = new FakeTimeProvider();
        var budget = new RetryBudget(20, 10, Window, time);
        Withdraw(budget, 60).Should().Be(60);
        time.Advance(TimeSpan.FromSeconds(5));
        Withdraw(budget, 1000).Should().Be(40);

        time.Advance(TimeSpan.FromSeconds(4.999));
        budget.TryWithdraw().Should().BeFalse("the first 60 retries are still inside the window");

        time.Advance(TimeSpan.FromMilliseconds(1));
        Withdraw(budget, 1000).Should().Be(60, "the window slides by one bucket: only the oldest bucket's retries are released");

        time.Advance(TimeSpan.FromSeconds(5));
        Withdraw(budget, 1000).Should().Be(40);
        budget.Current.Should().Be((0L, 100L));
    }

    [Fact]
    public void TryWithdraw_CallsSpreadOverTheWindow_CountAllTogether()
    {
        var time = new FakeTimeProvider();
        var budget = new RetryBudget(20, 0, Window, time);
        for (var i = 0; i < 1000; i++)
        {
            budget.RecordCall();
            time.Advance(TimeSpan.FromMilliseconds(9));
        }

        Withdraw(budget, 1000).Should().Be(200, "1000 calls over 9 s are all inside a 10 s window");
    }

    [Fact]
    public void TotalOutage_EveryCallRetriesUntilRefused_AttemptsPerCallStayWithinPercentPlusFloor()
    {
        // 100 calls per second for 100 s against endpoints that all fail; each call retries up to twice
        // (MaxAttempts 3) while the budget allows it.
        const int Calls = 10_000;
        const double CallsPerSecond = 100;
        var time = new FakeTimeProvider();
        var budget = new RetryBudget(20, 10, Window, time);
        long attempts = 0;

        for (var i = 0; i < Calls; i++)
        {
            budget.RecordCall();
            attempts++;
            for (var retry = 0; retry < 2 && budget.TryWithdraw(); retry++)
            {
                attempts++;
            }

            time.Advance(TimeSpan.FromSeconds(1 / CallsPerSecond));
        }

        // Bound: 1 (first attempts) + 20 % + floor / rate = 1 + 0.2 + 10 / 100 = 1.3 attempts per call.
        const double Bound = 1 + 0.20 + (10 / CallsPerSecond);
        var ratio = (double)attempts / Calls;
        ratio.Should().BeLessThanOrEqualTo(Bound);
        ratio.Should().BeGreaterThan(1.25, "the budget is spent, not refused outright");
    }

    [Fact]
    public void TryWithdraw_ManyThreadsAtOneInstant_NeverGrantMoreThanTheAllowance()
    {
        const int Iterations = 20_000;
        var threads = Math.Clamp(Environment.ProcessorCount, 4, 8);
        var budget = new RetryBudget(20, 10, Window, new FakeTimeProvider());
        budget.RecordCall(); // claims the bucket, so nothing is reset while the threads race
        long granted = 0;

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ =>
        {
            long mine = 0;
            for (var i = 0; i < Iterations; i++)
            {
                budget.RecordCall();
                for (var retry = 0; retry < 2 && budget.TryWithdraw(); retry++)
                {
                    mine++;
                }
            }

            Interlocked.Add(ref granted, mine);
        });

        var calls = (threads * (long)Iterations) + 1;
        var allowance = (long)((calls * 0.20) + 100);
        budget.Current.Should().Be((calls, granted), "no count is lost while the bucket is not being reset");
        granted.Should().BeLessThanOrEqualTo(allowance);
        granted.Should().BeGreaterThanOrEqualTo(allowance - (2 * threads), "refusals caused by racing tentative counts are transient");
    }

    [Fact]
    public async Task TryWithdraw_ThreadsRacingIntoFreshWindows_ExceedTheAllowanceByAtMostOnePerThread()
    {
        const int Rounds = 40;
        const int Iterations = 2_000;
        var threads = Math.Clamp(Environment.ProcessorCount, 4, 8);
        var time = new FakeTimeProvider();
        var budget = new RetryBudget(20, 10, Window, time);
        var grantedPerRound = new long[Rounds];
        using var start = new Barrier(threads + 1);
        using var done = new Barrier(threads + 1);

        var workers = Enumerable.Range(0, threads).Select(_ => Task.Factory.StartNew(() =>
        {
            for (var round = 0; round < Rounds; round++)
            {
                start.SignalAndWait(TimeSpan.FromMinutes(1)).Should().BeTrue();
                long mine = 0;
                for (var i = 0; i < Iterations; i++)
                {
                    budget.RecordCall();
                    for (var retry = 0; retry < 2 && budget.TryWithdraw(); retry++)
                    {
                        mine++;
                    }
                }

                Interlocked.Add(ref grantedPerRound[round], mine);
                done.SignalAndWait(TimeSpan.FromMinutes(1)).Should().BeTrue();
            }
        }, TaskCreationOptions.LongRunning)).ToArray();

        for (var round = 0; round < Rounds; round++)
        {
            // A whole window later every bucket is stale: the threads race to claim and reset a fresh one.
            time.Advance(Window);
            start.SignalAndWait(TimeSpan.FromMinutes(1)).Should().BeTrue();
            done.SignalAndWait(TimeSpan.FromMinutes(1)).Should().BeTrue();
        }

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromMinutes(1));
        var allowance = (long)((threads * Iterations * 0.20) + 100);
        grantedPerRound.Should().OnlyContain(g => g <= allowance + threads, $"each round allows {allowance} plus a slack of one lost count per thread");
        grantedPerRound.Should().OnlyContain(g => g >= allowance / 2, "the budget is spent in every round");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1000.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_PercentOutOfRange_ThrowsNamingIt(double percent)
    {
        var act = () => new RetryBudget(percent, 10, Window, TimeProvider.System);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("retryPercent");
    }

    [Fact]
    public void Constructor_NegativeFloor_ThrowsNamingIt()
    {
        var act = () => new RetryBudget(20, -1, Window, TimeProvider.System);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minRetriesPerSecond");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Constructor_WindowNotPositive_ThrowsNamingIt(int seconds)
    {
        var act = () => new RetryBudget(20, 10, TimeSpan.FromSeconds(seconds), TimeProvider.System);

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("window");
    }

    [Fact]
    public void Constructor_NullTimeProvider_Throws()
    {
        var act = () => new RetryBudget(20, 10, Window, null!);

        act.Should().Throw<ArgumentNullException>().WithParameterName("timeProvider");
    }

    private static int Withdraw(RetryBudget budget, int attempts)
    {
        var granted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if (budget.TryWithdraw())
            {
                granted++;
            }
        }

        return granted;
    }
}
