namespace Resilient.Http;

/// <summary>
/// A fixed set of HTTP status codes (100-599, as validation guarantees) as a bitmap: membership is one shift and one
/// mask, where a hash set costs an interface call and a hash lookup on every response.
/// </summary>
internal sealed class StatusCodeSet
{
    private const int Limit = 640;
    private readonly ulong[] _bits = new ulong[Limit / 64];

    public StatusCodeSet(IEnumerable<int> codes)
    {
        foreach (var code in codes)
        {
            if ((uint)code < Limit)
            {
                _bits[code >> 6] |= 1UL << (code & 63);
            }
        }
    }

    /// <summary>Whether <paramref name="code"/> is in the set; codes outside 0-639 never are.</summary>
    public bool Contains(int code) => (uint)code < Limit && (_bits[code >> 6] & (1UL << (code & 63))) != 0;
}
