namespace Resilient.Http;

/// <summary>Re-addresses a request to an endpoint: scheme and authority from the endpoint, its base path kept, then the request's path and query.</summary>
internal static class RequestAddress
{
    public static Uri Combine(Endpoint endpoint, Uri request)
    {
        var pathAndQuery = request.IsAbsoluteUri ? request.PathAndQuery : ToPathAndQuery(request.OriginalString);
        return new Uri(endpoint.RequestPrefix + pathAndQuery, UriKind.Absolute);
    }

    private static string ToPathAndQuery(string relative) => relative.StartsWith('/') ? relative : "/" + relative;
}
