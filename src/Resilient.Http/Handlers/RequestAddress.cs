namespace Resilient.Http;

/// <summary>Re-addresses a request to an endpoint: scheme and authority from the endpoint, its base path kept, then the request's path and query.</summary>
internal static class RequestAddress
{
    public static Uri Combine(Uri endpoint, Uri request)
    {
        var basePath = endpoint.AbsolutePath;
        var pathAndQuery = request.IsAbsoluteUri ? request.PathAndQuery : ToPathAndQuery(request.OriginalString);
        var prefix = basePath.Length > 1 && basePath[^1] == '/' ? basePath.AsSpan(0, basePath.Length - 1) : basePath.AsSpan();
        if (prefix.Length == 1)
        {
            prefix = [];
        }

        return new Uri(string.Concat(endpoint.GetLeftPart(UriPartial.Authority), prefix, pathAndQuery), UriKind.Absolute);
    }

    private static string ToPathAndQuery(string relative) => relative.StartsWith('/') ? relative : "/" + relative;
}
