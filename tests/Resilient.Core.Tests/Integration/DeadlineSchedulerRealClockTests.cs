namespace Resilient.Core.Tests.Integration;

/// <summary>The group's deadline scheduler on the real clock, with calls registering and ending on several threads.</summary>
public sealed class DeadlineSchedulerRealClockTests
{
    [Fact]
    public async Task ConcurrentCalls_ShortTimeoutsFire_LongOnesDoNot()
    {
        var scheduler = new DeadlineScheduler(TimeProvider.System, TimeSpan.FromMilliseconds(40));
        var workers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                using var call = CallDeadline.Start(TimeProvider.System, scheduler, TimeSpan.FromSeconds(30), CancellationToken.None, TimeProvider.System.GetTimestamp());
                var expires = i % 50 == 0;
                call.StartAttempt(expires ? TimeSpan.FromMilliseconds(40) : TimeSpan.FromSeconds(30), TimeProvider.System.GetTimestamp());
                if (expires)
                {
                    // Bounded: a missed deadline fails the test after 10 s instead of hanging it.
                    var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    using (call.Token.Register(() => fired.TrySetResult()))
                    {
                        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
                    }

                    call.AttemptTimedOut.Should().BeTrue();
                }
                else
                {
                    call.Token.IsCancellationRequested.Should().BeFalse();
                }

                call.EndAttempt();
            }
        })).ToArray();

        await Task.WhenAll(workers).WaitAsync(TimeSpan.FromSeconds(60));
    }
}
