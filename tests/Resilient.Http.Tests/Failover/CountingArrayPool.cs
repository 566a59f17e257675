using System.Buffers;
using System.Collections.Concurrent;

namespace Resilient.Http.Tests.Failover;

/// <summary>An array pool that records what was rented and returned (and what the returned arrays held).</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private int _rented;
    private int _returned;

    public int Rented => Volatile.Read(ref _rented);

    public int Returned => Volatile.Read(ref _returned);

    public int Outstanding => Rented - Returned;

    public ConcurrentQueue<byte[]> ReturnedArrays { get; } = new();

    public override byte[] Rent(int minimumLength)
    {
        Interlocked.Increment(ref _rented);
        return new byte[minimumLength];
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        Interlocked.Increment(ref _returned);
        ReturnedArrays.Enqueue(array);
    }
}
