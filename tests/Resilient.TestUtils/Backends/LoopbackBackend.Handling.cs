using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Resilient.TestUtils;

/// <summary>The request pipeline: count, record, then the hook, the delay, a reset or a response.</summary>
internal sealed partial class LoopbackBackend
{
    private const string HealthPathSuffix = "/healthz";

    private async Task HandleAsync(HttpContext context, CancellationToken stopping)
    {
        if (context.Request.Path.Value?.EndsWith(HealthPathSuffix, StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _healthRequestCount);
            if (!await RunHandlerAsync(context))
            {
                await WriteAsync(context, HealthStatusCode, retryAfter: null);
            }

            return;
        }

        Interlocked.Increment(ref _requestCount);
        var (record, bodyRead) = await RecordAsync(context);
        var responded = false;
        try
        {
            responded = bodyRead && await RespondAsync(context, stopping);
        }
        finally
        {
            // Abort() cancels RequestAborted asynchronously, so "responded" is the reliable signal for our own aborts.
            record.Finish(responded && !context.RequestAborted.IsCancellationRequested ? RequestOutcome.Completed : RequestOutcome.Aborted);
        }
    }

    private async Task<bool> RespondAsync(HttpContext context, CancellationToken stopping)
    {
        if (await RunHandlerAsync(context))
        {
            return true;
        }

        var delay = Delay;
        if (delay > TimeSpan.Zero)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            try
            {
                await Task.Delay(delay, linked.Token);
            }
            catch (OperationCanceledException)
            {
                // The client gave up or the server is stopping: a killed backend sends nothing.
                context.Abort();
                return false;
            }
        }

        if (ResetConnections)
        {
            context.Abort();
            return false;
        }

        var status = TryTakeFailure(out var failure) ? failure : StatusCode;
        await WriteAsync(context, status, RetryAfter);
        return true;
    }

    private async Task<bool> RunHandlerAsync(HttpContext context) => Handler is { } handler && await handler(context);

    private async Task<(RecordedRequest Record, bool BodyRead)> RecordAsync(HttpContext context)
    {
        var request = context.Request;
        var receivedAt = DateTimeOffset.UtcNow;
        var headers = new Dictionary<string, string>(request.Headers.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = header.Value.ToString();
        }

        using var body = new MemoryStream();
        var bodyRead = true;
        try
        {
            await request.Body.CopyToAsync(body, context.RequestAborted);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away mid-body: keep what arrived and report the request as aborted.
            bodyRead = false;
        }

        var record = new RecordedRequest
        {
            Method = request.Method,
            PathAndQuery = RawTarget(context),
            Protocol = request.Protocol,
            Headers = headers,
            Body = body.ToArray(),
            ReceivedAt = receivedAt,
        };
        Record(record);
        return (record, bodyRead);
    }

    private async Task WriteAsync(HttpContext context, int status, TimeSpan? retryAfter)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.Headers["X-Backend"] = Name;
        response.Headers["X-Path"] = RawTarget(context);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        if (status is StatusCodes.Status204NoContent or StatusCodes.Status205ResetContent or StatusCodes.Status304NotModified
            || HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync(Name, context.RequestAborted);
    }

    private static string RawTarget(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : context.Request.PathBase + context.Request.Path + context.Request.QueryString;
}
