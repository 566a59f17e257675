namespace Resilient.Drills;

/// <summary>
/// Runs a <see cref="DrillTraffic"/>: <c>Concurrency</c> workers, each starting a call every
/// <c>Concurrency / RequestsPerSecond</c>, staggered; a worker that falls behind catches up by at most one call, so a
/// slow phase is not followed by a burst.
/// </summary>
internal static class TrafficLoop
{
    /// <summary>Runs until <paramref name="stop"/>; calls in flight then finish unless <paramref name="abort"/> is cancelled.</summary>
    public static Task RunAsync(DrillTraffic traffic, DrillRecorder recorder, CancellationToken stop, CancellationToken abort)
    {
        var period = (long)(recorder.Time.TimestampFrequency * traffic.Concurrency / traffic.RequestsPerSecond);
        var workers = new Task[traffic.Concurrency];
        for (var i = 0; i < workers.Length; i++)
        {
            workers[i] = WorkerAsync(traffic, recorder, recorder.Start + (period * i / workers.Length), period, stop, abort);
        }

        return Task.WhenAll(workers);
    }

    private static async Task WorkerAsync(DrillTraffic traffic, DrillRecorder recorder, long next, long period, CancellationToken stop, CancellationToken abort)
    {
        await Task.Yield();
        var time = recorder.Time;
        while (!stop.IsCancellationRequested)
        {
            var now = time.GetTimestamp();
            if (next > now)
            {
                try
                {
                    await Task.Delay(time.GetElapsedTime(now, next), time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            next = Math.Max(next + period, time.GetTimestamp() - period);
            var start = time.GetTimestamp();
            string? error;
            try
            {
                error = await traffic.Call(abort).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever the call throws is what its caller would see: record it as a failed call.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                error = Describe(failure);
            }

            recorder.Calls.Add(new CallEntry(start, time.GetTimestamp(), error));
        }
    }

    private static string Describe(Exception failure)
    {
        var message = failure.Message.ReplaceLineEndings(" ");
        var text = $"{failure.GetType().Name}: {message}";
        return text.Length <= DrillDefaults.MaxErrorLength ? text : text[..DrillDefaults.MaxErrorLength] + "...";
    }
}
