namespace Resilient;

/// <summary>
/// Vose's alias method: weighted sampling in O(1) from one 64-bit random draw (high half picks a column, low half
/// decides between the column and its alias). Built on the writer, read-only afterwards.
/// </summary>
internal sealed class AliasTable
{
    private readonly uint[] _threshold;
    private readonly int[] _alias;

    public AliasTable(ReadOnlySpan<EndpointCandidate> candidates)
    {
        var n = candidates.Length;
        _threshold = new uint[n];
        _alias = new int[n];
        var total = 0.0;
        foreach (var candidate in candidates)
        {
            total += candidate.Weight;
        }

        var scaled = new double[n];
        var small = new Stack<int>();
        var large = new Stack<int>();
        for (var i = 0; i < n; i++)
        {
            scaled[i] = candidates[i].Weight * n / total;
            (scaled[i] < 1.0 ? small : large).Push(i);
        }

        while (small.Count > 0 && large.Count > 0)
        {
            var s = small.Pop();
            var l = large.Pop();
            _threshold[s] = ToThreshold(scaled[s]);
            _alias[s] = l;
            scaled[l] = scaled[l] + scaled[s] - 1.0;
            (scaled[l] < 1.0 ? small : large).Push(l);
        }

        // What remains has probability 1 up to rounding: it always keeps its own column.
        while (large.Count > 0)
        {
            var i = large.Pop();
            _threshold[i] = uint.MaxValue;
            _alias[i] = i;
        }

        while (small.Count > 0)
        {
            var i = small.Pop();
            _threshold[i] = uint.MaxValue;
            _alias[i] = i;
        }
    }

    public int Count => _alias.Length;

    public int Sample(ulong bits)
    {
        var column = RandomSource.ScaleHigh(bits, _alias.Length);
        return (uint)bits < _threshold[column] ? column : _alias[column];
    }

    private static uint ToThreshold(double probability) =>
        probability >= 1.0 ? uint.MaxValue : (uint)(probability * 4294967296.0);
}
