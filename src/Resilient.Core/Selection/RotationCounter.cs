using System.Runtime.InteropServices;

namespace Resilient;

/// <summary>
/// The rotation counter of the round-robin balancers, striped by thread: each thread always increments the same
/// padded stripe, so one thread sees an exact rotation (deterministic, as the smooth weighted sequence requires)
/// while threads on different cores do not fight over one cache line. Each stripe starts at its own random point.
/// Still one atomic increment per pick.
/// </summary>
internal sealed class RotationCounter
{
    private const int StripeCount = 8;

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private readonly bool _randomStart;

    public RotationCounter(bool randomStart) => _randomStart = randomStart;

    /// <summary>Returns the next position for the calling thread's stripe.</summary>
    public uint Next(in PickContext context)
    {
        ref var stripe = ref _stripes[Environment.CurrentManagedThreadId & (StripeCount - 1)];
        if (!stripe.Started)
        {
            // A benign race: two first picks on one stripe may both seed it; either start is as good.
            stripe.Value = _randomStart ? (uint)context.NextRandomBits() : uint.MaxValue;
            stripe.Started = true;
        }

        return Interlocked.Increment(ref stripe.Value);
    }

    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Stripe
    {
        [FieldOffset(64)]
        public uint Value;

        [FieldOffset(68)]
        public bool Started;
    }
}
