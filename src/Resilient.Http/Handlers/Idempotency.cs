namespace Resilient.Http;

/// <summary>Which requests may be sent again after they may have reached a server.</summary>
internal static class Idempotency
{
    /// <summary>The header that makes a POST or PATCH safe to repeat (the server de-duplicates by it).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static bool IsIdempotentMethod(HttpMethod method) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Options
        || method == HttpMethod.Trace || method == HttpMethod.Put || method == HttpMethod.Delete;

    public static bool MayRetryAfterSending(HttpRequestMessage request, bool groupOptIn)
    {
        if (IsIdempotentMethod(request.Method) || groupOptIn || request.Headers.Contains(IdempotencyKeyHeader))
        {
            return true;
        }

        return request.Options.TryGetValue(ResilientRequestOptions.RetryNonIdempotent, out var optIn) && optIn;
    }
}
