using System.Net.Http.Headers;

namespace Resilient.Http;

/// <summary>Copies content headers between the contents this library wraps.</summary>
internal static class ContentHeaders
{
    /// <summary>
    /// Copies every header as it was received or added, without parsing or validating it again: the raw values
    /// stay byte-identical and nothing is allocated per header beyond the target's own storage.
    /// </summary>
    public static void CopyRaw(HttpContentHeaders source, HttpContentHeaders target)
    {
        foreach (var header in source.NonValidated)
        {
            foreach (var value in header.Value)
            {
                target.TryAddWithoutValidation(header.Key, value);
            }
        }
    }
}
