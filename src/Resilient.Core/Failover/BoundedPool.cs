namespace Resilient;

/// <summary>
/// Keeps up to a fixed number of idle objects for reuse by later calls (deadlines with their timers, HTTP call
/// operations), so a call rents one instead of allocating it. Lock-free; bounded, so a burst of concurrent calls
/// beyond the pool's size creates and later drops extra objects instead of growing the pool.
/// </summary>
/// <remarks>
/// A race between two threads on the same slot loses nothing but the reuse: a rent that finds nothing lets the caller
/// create an object, and a return that finds no free slot tells the caller to drop it.
/// </remarks>
/// <typeparam name="T">The pooled type.</typeparam>
internal sealed class BoundedPool<T>
    where T : class
{
    private readonly T?[] _items;
    private T? _first;

    public BoundedPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _items = new T?[capacity - 1];
    }

    /// <summary>Gets the default capacity: four objects per processor, at least 16.</summary>
    public static int DefaultCapacity => Math.Max(16, 4 * Environment.ProcessorCount);

    /// <summary>Takes an idle object; false when there is none.</summary>
    public bool TryRent(out T item)
    {
        var first = _first;
        if (first is not null && Interlocked.CompareExchange(ref _first, null, first) == first)
        {
            item = first;
            return true;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            var candidate = items[i];
            if (candidate is not null && Interlocked.CompareExchange(ref items[i], null, candidate) == candidate)
            {
                item = candidate;
                return true;
            }
        }

        item = null!;
        return false;
    }

    /// <summary>Keeps an object that its last user has completely finished with; false when the pool is full.</summary>
    public bool Return(T item)
    {
        if (_first is null && Interlocked.CompareExchange(ref _first, item, null) is null)
        {
            return true;
        }

        var items = _items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i] is null && Interlocked.CompareExchange(ref items[i], item, null) is null)
            {
                return true;
            }
        }

        return false;
    }
}
