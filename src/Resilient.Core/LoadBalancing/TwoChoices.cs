namespace Resilient;

/// <summary>
/// Draws two distinct candidates for the power-of-two-choices family, each with probability proportional to its
/// weight (uniform when weights are equal), and moves excluded draws to the next allowed candidate.
/// </summary>
internal static class TwoChoices
{
    /// <summary>Draws the pair; returns false when no candidate is allowed. <paramref name="second"/> may equal <paramref name="first"/> only when a single candidate is allowed.</summary>
    public static bool Draw(in PickContext context, AliasTable? weighted, out int first, out int second)
    {
        var count = context.Candidates.Length;
        if (count <= 1)
        {
            first = second = context.NextAllowed(0);
            return first >= 0;
        }

        var bits = context.NextRandomBits();
        if (weighted is null)
        {
            first = RandomSource.ScaleHigh(bits, count);
            second = RandomSource.ScaleLow(bits, count - 1);
            second += Branchless.ToInt(second >= first);
        }
        else
        {
            first = weighted.Sample(bits);
            second = weighted.Sample(context.NextRandomBits());
            if (second == first)
            {
                second = first + 1 + RandomSource.ScaleLow(bits, count - 1);
                if (second >= count)
                {
                    second -= count;
                }
            }
        }

        if (context.HasExclusions)
        {
            first = context.NextAllowed(first);
            if (first < 0)
            {
                second = -1;
                return false;
            }

            second = context.NextAllowed(second);
        }

        return true;
    }
}
