using System.Runtime.CompilerServices;

namespace Resilient;

/// <summary>
/// The endpoints already tried in one call, so retries and hedges go elsewhere. A value type that holds up to
/// eight endpoints inline (no allocation) and spills to an array beyond that.
/// </summary>
/// <remarks>
/// Use one instance per call and per group, and pass it by reference: copies do not share what they record.
/// <see cref="EndpointGroup.TryAcquire(ref TriedEndpoints, out EndpointLease)"/> adds the endpoint it picks.
/// </remarks>
public struct TriedEndpoints
{
    private const int InlineCapacity = 8;

    private InlineIds _inline;
    private int[]? _overflow;
    private int _count;

    /// <summary>Gets the number of distinct endpoints recorded.</summary>
    public readonly int Count => _count;

    /// <summary>Records an endpoint as tried; recording it again has no effect.</summary>
    /// <param name="runtime">The endpoint.</param>
    public void Add(EndpointRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        Add(runtime.Id);
    }

    /// <summary>Returns whether an endpoint was recorded.</summary>
    /// <param name="runtime">The endpoint.</param>
    /// <returns><see langword="true"/> if it was tried in this call.</returns>
    public readonly bool Contains(EndpointRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return Contains(runtime.Id);
    }

    /// <summary>Forgets every recorded endpoint.</summary>
    public void Clear() => _count = 0;

    internal readonly bool Contains(int id)
    {
        var count = _count;
        var inlineCount = count < InlineCapacity ? count : InlineCapacity;
        for (var i = 0; i < inlineCount; i++)
        {
            if (_inline[i] == id)
            {
                return true;
            }
        }

        for (var i = InlineCapacity; i < count; i++)
        {
            if (_overflow![i - InlineCapacity] == id)
            {
                return true;
            }
        }

        return false;
    }

    internal void Add(int id)
    {
        if (Contains(id))
        {
            return;
        }

        if (_count < InlineCapacity)
        {
            _inline[_count++] = id;
            return;
        }

        var index = _count - InlineCapacity;
        if (_overflow is null || index == _overflow.Length)
        {
            Array.Resize(ref _overflow, _overflow is null ? InlineCapacity : _overflow.Length * 2);
        }

        _overflow[index] = id;
        _count++;
    }

    [InlineArray(InlineCapacity)]
    private struct InlineIds
    {
        private int _first;
    }
}
