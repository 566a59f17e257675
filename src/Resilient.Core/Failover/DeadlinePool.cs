namespace Resilient;

/// <summary>
/// Keeps idle <see cref="CallDeadline"/> objects (each with its disarmed timer) for the next calls of one engine, so
/// a call rents one instead of creating a deadline, a lock and a timer. Lock-free; bounded, so a burst of
/// concurrent calls beyond the pool's size creates and later drops extra deadlines instead of growing it.
/// </summary>
/// <remarks>
/// A race between two threads on the same slot loses nothing but the reuse: a rent that finds nothing creates a new
/// deadline, and a return that finds no free slot disposes the deadline's timer.
/// </remarks>
internal sealed class DeadlinePool
{
    private readonly TimeProvider _time;
    private readonly CallDeadline?[] _items;
    private CallDeadline? _first;

    public DeadlinePool(TimeProvider time, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        _items = new CallDeadline?[capacity - 1];
    }

    /// <summary>Gets the default capacity: four deadlines per processor, at least 16.</summary>
    public static int DefaultCapacity => Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>Takes an idle deadline, or creates one.</summary>
    public CallDeadline Rent()
    {
        var item = _first;
        if (item is not null && Interlocked.CompareExchange(ref _first, null, item) == item)
        {
            return item;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            item = items[i];
            if (item is not null && Interlocked.CompareExchange(ref items[i], null, item) == item)
            {
                return item;
            }
        }

        return new CallDeadline(_time, this);
    }

    /// <summary>Keeps an ended, disarmed deadline for a later call; false when the pool is full.</summary>
    public bool Return(CallDeadline deadline)
    {
        if (_first is null && Interlocked.CompareExchange(ref _first, deadline, null) is null)
        {
            return true;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null && Interlocked.CompareExchange(ref items[i], deadline, null) is null)
            {
                return true;
            }
        }

        return false;
    }
}
