namespace Resilient;

/// <summary>Sees every attempt of one group instance (the drill recorder), unlike the meter, which names groups only.</summary>
internal interface IAttemptObserver
{
    /// <summary>An attempt on <paramref name="endpoint"/> ended; <paramref name="seconds"/> is what the request-duration metric records.</summary>
    void OnAttempt(Endpoint endpoint, EndpointOutcome outcome, double seconds);

    /// <summary>A call made an attempt beyond its first (a retry, or a hedge).</summary>
    void OnExtraAttempt(bool hedge);
}

/// <summary>
/// The observers of one group: a copy-on-write array, so that notifying is one volatile read and, with nobody
/// listening (always, outside drills), one length test per attempt.
/// </summary>
internal sealed class AttemptObservers
{
    private IAttemptObserver[] _observers = [];

    public void OnAttempt(Endpoint endpoint, EndpointOutcome outcome, double seconds)
    {
        var observers = Volatile.Read(ref _observers);
        for (var i = 0; i < observers.Length; i++)
        {
            observers[i].OnAttempt(endpoint, outcome, seconds);
        }
    }

    public void OnExtraAttempt(bool hedge)
    {
        var observers = Volatile.Read(ref _observers);
        for (var i = 0; i < observers.Length; i++)
        {
            observers[i].OnExtraAttempt(hedge);
        }
    }

    /// <summary>Adds an observer until the returned handle is disposed.</summary>
    public IDisposable Add(IAttemptObserver observer)
    {
        Update(current => [.. current, observer]);
        return new Subscription(this, observer);
    }

    private void Update(Func<IAttemptObserver[], IAttemptObserver[]> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _observers);
            if (Interlocked.CompareExchange(ref _observers, change(current), current) == current)
            {
                return;
            }
        }
    }

    private sealed class Subscription(AttemptObservers owner, IAttemptObserver observer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Update(current => Array.FindAll(current, o => !ReferenceEquals(o, observer)));
            }
        }
    }
}
