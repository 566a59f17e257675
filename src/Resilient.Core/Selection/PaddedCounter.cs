using System.Runtime.InteropServices;

namespace Resilient;

/// <summary>A 32-bit counter alone on its cache line, for rotation counters that every pick increments.</summary>
[StructLayout(LayoutKind.Explicit, Size = 128)]
internal struct PaddedCounter
{
    [FieldOffset(64)]
    public uint Value;

    public uint Increment() => Interlocked.Increment(ref Value);
}
