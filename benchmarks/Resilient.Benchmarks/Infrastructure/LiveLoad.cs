namespace Resilient.Benchmarks;

/// <summary>
/// In-flight counts that change between picks, the same way for our balancer and YARP's: every pick starts a
/// request on the endpoint it chose and, once <see cref="Outstanding"/> requests are running, ends one of them
/// chosen by a fixed pseudo-random sequence. Least-loaded scans then meet a different load pattern on every pick,
/// as they do in a live process, instead of the frozen counts of the other pick classes.
/// </summary>
/// <typeparam name="T">What a side counts in-flight requests on (YARP's destination, our endpoint runtime).</typeparam>
internal sealed class LiveLoad<T>
    where T : class
{
    private readonly T[] _running;
    private int _count;
    private ulong _state = 0x9E3779B97F4A7C15UL;

    /// <param name="endpoints">The endpoint count; twice as many requests run at a time.</param>
    public LiveLoad(int endpoints) => _running = new T[LiveLoad.Outstanding(endpoints)];

    /// <summary>Records a pick of <paramref name="picked"/>; returns the endpoint whose request ended, or null.</summary>
    public T? Next(T picked)
    {
        if (_count < _running.Length)
        {
            _running[_count++] = picked;
            return null;
        }

        // xorshift64: cheap, the same sequence for both sides.
        var x = _state;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        _state = x;
        var slot = (int)((x >> 32) * (ulong)(uint)_running.Length >> 32);
        var ended = _running[slot];
        _running[slot] = picked;
        return ended;
    }
}

/// <summary>The size of the live load.</summary>
internal static class LiveLoad
{
    /// <summary>How many requests run at a time: two per endpoint on average.</summary>
    public static int Outstanding(int endpoints) => 2 * endpoints;
}
