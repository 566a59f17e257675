using System.Runtime.InteropServices;

namespace Resilient;

/// <summary>
/// The per-endpoint words that every pick and completion touches. The explicit layout surrounds them with
/// 64 bytes of padding on each side so two endpoints' counters never share a cache line (no false sharing
/// between cores picking different endpoints), whatever the allocator places next to the owning object.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 192)]
internal struct HotCounters
{
    /// <summary>Attempts started and not yet completed. Interlocked.</summary>
    [FieldOffset(64)]
    public int InFlight;

    /// <summary>1 once the endpoint has left the group. Written once by the writer, read after the in-flight increment.</summary>
    [FieldOffset(68)]
    public int Removed;

    /// <summary>Packed peak-EWMA estimate and its timestamp (see <see cref="PeakEwma"/>). Compare-and-swap.</summary>
    [FieldOffset(72)]
    public long Ewma;

    /// <summary>Total attempts completed (any outcome). Interlocked; diagnostics only.</summary>
    [FieldOffset(80)]
    public long Completed;
}
