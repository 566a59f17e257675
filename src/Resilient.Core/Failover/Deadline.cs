namespace Resilient;

/// <summary>
/// A cancellation source that fires after a time on the group's <see cref="TimeProvider"/> or when its parent token
/// is cancelled, and remembers which of the two happened (timeouts count against endpoints; cancellations do not).
/// </summary>
internal sealed class Deadline : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly ITimer? _timer;
    private int _fired;

    public Deadline(TimeProvider timeProvider, TimeSpan timeout, CancellationToken parent)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(parent);
        if (timeout > TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static state => ((Deadline)state!).Fire(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether the time ran out (as opposed to the parent being cancelled).</summary>
    public bool TimedOut => Volatile.Read(ref _fired) != 0;

    /// <summary>Cancels the attempt now (a hedge won); not a timeout.</summary>
    public void Cancel()
    {
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Fire()
    {
        Volatile.Write(ref _fired, 1);
        try
        {
            _source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The call finished while the timer fired.
        }
    }
}
