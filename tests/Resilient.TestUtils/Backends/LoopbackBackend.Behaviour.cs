using Microsoft.AspNetCore.Http;

namespace Resilient.TestUtils;

/// <summary>The run-time knobs, the counters and the recording; every member is safe to use from any thread.</summary>
internal sealed partial class LoopbackBackend
{
    private const int DefaultStatusCode = StatusCodes.Status200OK;
    private const long NoRetryAfter = -1;

    private readonly Lock _failLock = new();
    private readonly Lock _recordLock = new();
    private readonly List<RecordedRequest> _requests = [];
    private TaskCompletionSource _recorded = NewSignal();
    private long _delayTicks;
    private long _retryAfterTicks = NoRetryAfter;
    private int _statusCode = DefaultStatusCode;
    private int _healthStatusCode = DefaultStatusCode;
    private int _failRemaining;
    private int _failStatusCode;
    private volatile bool _resetConnections;
    private Func<HttpContext, Task<bool>>? _handler;
    private int _requestCount;
    private int _healthRequestCount;

    /// <summary>Added before answering a (non-health) request; aborted with the request or when the server stops.</summary>
    /// <value>The default is <see cref="TimeSpan.Zero"/>.</value>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            Interlocked.Exchange(ref _delayTicks, value.Ticks);
        }
    }

    /// <summary>The status of (non-health) responses when no <see cref="FailNext"/> failure is pending.</summary>
    /// <value>The default is 200.</value>
    public int StatusCode
    {
        get => Volatile.Read(ref _statusCode);
        set => Volatile.Write(ref _statusCode, ValidStatus(value));
    }

    /// <summary>When set, every (non-health) response carries <c>Retry-After</c> with this many seconds (rounded up).</summary>
    /// <value>The default is <see langword="null"/> (no header).</value>
    public TimeSpan? RetryAfter
    {
        get => Interlocked.Read(ref _retryAfterTicks) is var ticks && ticks == NoRetryAfter ? null : TimeSpan.FromTicks(ticks);
        set
        {
            if (value is { } v)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(v, TimeSpan.Zero);
            }

            Interlocked.Exchange(ref _retryAfterTicks, value?.Ticks ?? NoRetryAfter);
        }
    }

    /// <summary>When true, (non-health) requests are answered by aborting the connection (after <see cref="Delay"/>).</summary>
    /// <value>The default is <see langword="false"/>.</value>
    public bool ResetConnections
    {
        get => _resetConnections;
        set => _resetConnections = value;
    }

    /// <summary>The status of requests whose path ends with <c>/healthz</c>; independent of <see cref="StatusCode"/>.</summary>
    /// <value>The default is 200.</value>
    public int HealthStatusCode
    {
        get => Volatile.Read(ref _healthStatusCode);
        set => Volatile.Write(ref _healthStatusCode, ValidStatus(value));
    }

    /// <summary>
    /// Sees every request (health probes included, after they are counted and recorded) before the default behaviour;
    /// returns <see langword="true"/> when it produced the response (or aborted) itself.
    /// </summary>
    /// <value>The default is <see langword="null"/>.</value>
    public Func<HttpContext, Task<bool>>? Handler
    {
        get => Volatile.Read(ref _handler);
        set => Volatile.Write(ref _handler, value);
    }

    /// <summary>Non-health requests that reached the app (headers read), including aborted ones.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Requests whose path ends with <c>/healthz</c>.</summary>
    public int HealthRequestCount => Volatile.Read(ref _healthRequestCount);

    /// <summary>A snapshot of the recorded non-health requests, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_recordLock)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> non-health requests get <paramref name="statusCode"/>; replaces a pending FailNext.</summary>
    public void FailNext(int count, int statusCode = StatusCodes.Status503ServiceUnavailable)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ValidStatus(statusCode);
        lock (_failLock)
        {
            _failRemaining = count;
            _failStatusCode = statusCode;
        }
    }

    /// <summary>Waits (bounded by <paramref name="timeout"/>) until at least <paramref name="count"/> requests are recorded.</summary>
    /// <exception cref="TimeoutException">Fewer requests arrived in time.</exception>
    public async Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task recorded;
            lock (_recordLock)
            {
                if (_requests.Count >= count)
                {
                    return [.. _requests];
                }

                recorded = _recorded.Task;
            }

            try
            {
                await recorded.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{Name} recorded {Requests.Count} of {count} requests within {timeout}.");
            }
        }
    }

    /// <summary>Clears counters and recording and puts every knob back to its default.</summary>
    public void Reset()
    {
        Delay = TimeSpan.Zero;
        StatusCode = DefaultStatusCode;
        HealthStatusCode = DefaultStatusCode;
        RetryAfter = null;
        ResetConnections = false;
        Handler = null;
        FailNext(0, DefaultStatusCode);
        lock (_recordLock)
        {
            _requests.Clear();
            Interlocked.Exchange(ref _requestCount, 0);
            Interlocked.Exchange(ref _healthRequestCount, 0);
        }
    }

    private bool TryTakeFailure(out int statusCode)
    {
        lock (_failLock)
        {
            statusCode = _failStatusCode;
            if (_failRemaining == 0)
            {
                return false;
            }

            _failRemaining--;
            return true;
        }
    }

    private void Record(RecordedRequest request)
    {
        TaskCompletionSource recorded;
        lock (_recordLock)
        {
            _requests.Add(request);
            recorded = _recorded;
            _recorded = NewSignal();
        }

        recorded.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static int ValidStatus(int statusCode)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return statusCode;
    }
}
