namespace Resilient.Http;

/// <summary>Per-request settings, set through <see cref="HttpRequestMessage.Options"/>.</summary>
public static class ResilientRequestOptions
{
    /// <summary>
    /// Set to true to let this POST or PATCH fail over to another endpoint even after it may have reached a server
    /// (the caller knows the operation is safe to repeat). Idempotent methods never need it.
    /// </summary>
    public static readonly HttpRequestOptionsKey<bool> RetryNonIdempotent = new("Resilient.RetryNonIdempotent");

    /// <summary>The key for <c>ConsistentHash</c> balancing (a user or session id): requests with the same key go to the same endpoint.</summary>
    public static readonly HttpRequestOptionsKey<string> RequestKey = new("Resilient.RequestKey");
}
