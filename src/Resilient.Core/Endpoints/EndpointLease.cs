using System.Runtime.CompilerServices;

namespace Resilient;

/// <summary>
/// One attempt in progress on a picked endpoint. It holds the endpoint's in-flight slot until
/// <see cref="Complete(EndpointOutcome)"/> records the outcome and duration.
/// </summary>
/// <remarks>
/// Completion is exactly-once per storage location and thread-safe: completing the same variable (or field) twice,
/// even from two threads at once, records the attempt once. Copies of a lease do not share that guard, so keep one
/// owner (a local, a field) and pass it by reference.
/// </remarks>
public struct EndpointLease
{
    private readonly EndpointRuntime? _runtime;
    private int _completed;
    private long _answeredTimestamp;

    internal EndpointLease(EndpointRuntime runtime, long startTimestamp, int attempt, bool isTrial)
    {
        _runtime = runtime;
        StartTimestamp = startTimestamp;
        Attempt = attempt;
        IsTrial = isTrial;
    }

    /// <summary>Gets the picked endpoint's live state, or <see langword="null"/> for a default lease.</summary>
    public readonly EndpointRuntime? Runtime => _runtime;

    /// <summary>Gets the picked endpoint, or <see langword="null"/> for a default lease.</summary>
    public readonly Endpoint? Endpoint => _runtime?.Endpoint;

    /// <summary>Gets a value indicating whether the lease still holds an in-flight slot (picked and not yet completed).</summary>
    public readonly bool IsActive => _runtime is not null && Volatile.Read(ref Unsafe.AsRef(in _completed)) == 0;

    /// <summary>Gets when the attempt started, in the group's <see cref="TimeProvider.GetTimestamp"/> units.</summary>
    public long StartTimestamp { get; }

    /// <summary>Gets the 1-based number of this attempt within its call (how many endpoints the tried-set held, plus one).</summary>
    public int Attempt { get; }

    /// <summary>
    /// Gets a value indicating whether this attempt is the trial that decides whether an ejected or unreachable
    /// endpoint returns to rotation.
    /// </summary>
    public bool IsTrial { get; }

    /// <summary>Records how the attempt ended and releases the endpoint's in-flight slot; later calls do nothing.</summary>
    /// <param name="outcome">The attempt's outcome as the caller classified it.</param>
    /// <returns><see langword="true"/> if this call recorded the outcome; <see langword="false"/> if the lease was already completed or never held a slot.</returns>
    public bool Complete(EndpointOutcome outcome) => Complete(outcome, TimeSpan.Zero);

    /// <summary>Records how the attempt ended, with the pause the endpoint asked for, and releases the in-flight slot.</summary>
    /// <param name="outcome">The attempt's outcome; usually <see cref="EndpointOutcome.Throttled"/> when a pause is given.</param>
    /// <param name="retryAfter">How long the endpoint asked callers to stay away (capped at 60 s; zero or less means 1 s).</param>
    /// <returns><see langword="true"/> if this call recorded the outcome.</returns>
    public bool Complete(EndpointOutcome outcome, TimeSpan retryAfter)
    {
        var runtime = _runtime;
        if (runtime is null || Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }

        // A success that was answered earlier is booked at the answer: no second clock reading. Anything else is
        // booked when it ends, which is what health timing (ejections, trials) must see.
        var answered = _answeredTimestamp;
        var end = answered != 0 && outcome == EndpointOutcome.Success ? answered : runtime.Clock.GetTimestamp();
        runtime.Complete(outcome, StartTimestamp, end, retryAfter, IsTrial, answered);
        return true;
    }

    /// <summary>
    /// Notes when the endpoint answered (an HTTP response's headers arrived) for a lease completed later, when the
    /// body has been read: the latency estimate and the request-duration metric measure to this moment.
    /// </summary>
    internal void MarkAnswered(long timestamp) => _answeredTimestamp = timestamp;
}
