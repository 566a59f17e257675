using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Resilient;

/// <summary>
/// The rotation counter of the round-robin balancers, striped by thread: each thread always advances the same
/// padded stripe, so one thread sees an exact rotation (deterministic, as the smooth weighted sequence requires)
/// while threads on different cores do not fight over one cache line.
/// </summary>
/// <remarks>
/// <para>
/// Stripes are handed to threads in turn the first time a thread picks (a process-wide sequence), not derived from
/// the managed thread id: ids that are equal modulo the stripe count would otherwise share a stripe and its cache
/// line, which in measurements cost about four times a pick. Up to <see cref="StripeCount"/> picking threads never share.
/// </para>
/// <para>
/// The increment is a plain read and write, not an interlocked one: a stripe belongs to one thread unless more than
/// <see cref="StripeCount"/> threads pick, and then two threads sharing it may now and then be handed the same
/// position. That repeats one endpoint once, which a rotation can afford; no position outside the list can result.
/// </para>
/// </remarks>
internal sealed class RotationCounter
{
    private const int StripeCount = 8;

    [ThreadStatic]
    private static int t_stripe;

    private static int s_stripesHandedOut;

    private readonly Stripe[] _stripes = new Stripe[StripeCount];
    private readonly bool _randomStart;

    public RotationCounter(bool randomStart) => _randomStart = randomStart;

    /// <summary>Returns the next position for the calling thread's stripe.</summary>
    public uint Next(in PickContext context)
    {
        var slot = t_stripe;
        if (slot == 0)
        {
            slot = AssignStripe();
        }

        ref var stripe = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_stripes), slot & (StripeCount - 1));
        if (!stripe.Started)
        {
            // A first pick on this stripe seeds it; two racing threads (more than StripeCount pickers) may both seed it.
            stripe.Value = _randomStart ? (uint)context.NextRandomBits() : uint.MaxValue;
            stripe.Started = true;
        }

        var next = stripe.Value + 1;
        stripe.Value = next;
        return next;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int AssignStripe()
    {
        // Never 0, which marks a thread without a stripe; the low bits cycle through all stripes in turn.
        var slot = Interlocked.Increment(ref s_stripesHandedOut) | (StripeCount << 1);
        t_stripe = slot;
        return slot;
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
