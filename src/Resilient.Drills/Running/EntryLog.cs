namespace Resilient.Drills;

/// <summary>An append-only list shared by writers on any thread, read in increments by the sampler and whole at the end.</summary>
internal sealed class EntryLog<T>
{
    private readonly Lock _lock = new();
    private readonly List<T> _entries = [];

    public void Add(T entry)
    {
        lock (_lock)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>Copies the entries added since <paramref name="cursor"/> into <paramref name="into"/> and moves the cursor past them.</summary>
    public void ReadFrom(ref int cursor, List<T> into)
    {
        lock (_lock)
        {
            for (; cursor < _entries.Count; cursor++)
            {
                into.Add(_entries[cursor]);
            }
        }
    }

    public T[] ToArray()
    {
        lock (_lock)
        {
            return [.. _entries];
        }
    }
}
