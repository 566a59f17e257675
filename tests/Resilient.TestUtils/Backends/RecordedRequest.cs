namespace Resilient.TestUtils;

/// <summary>One request as a <see cref="LoopbackBackend"/> received it.</summary>
internal sealed class RecordedRequest
{
    private readonly TaskCompletionSource<RequestOutcome> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The HTTP method, e.g. <c>POST</c>.</summary>
    public required string Method { get; init; }

    /// <summary>The request target exactly as it was on the request line (path and query, not decoded).</summary>
    public required string PathAndQuery { get; init; }

    /// <summary>The protocol, e.g. <c>HTTP/1.1</c>.</summary>
    public required string Protocol { get; init; }

    /// <summary>Every request header (case-insensitive names; repeated values joined with a comma).</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The request body, read to the end (empty when there was none; partial when the client went away).</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>Wall-clock arrival time (after the headers were read, before the body).</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The <c>Idempotency-Key</c> header, or <see langword="null"/>.</summary>
    public string? IdempotencyKey => Header("Idempotency-Key");

    /// <summary>How the request ended so far; <see cref="RequestOutcome.InProgress"/> while the backend still works on it.</summary>
    public RequestOutcome Outcome => _finished.Task.IsCompleted ? _finished.Task.Result : RequestOutcome.InProgress;

    /// <summary>Completes when the backend has finished with the request (never faults).</summary>
    public Task<RequestOutcome> Finished => _finished.Task;

    /// <summary>The header's value, or <see langword="null"/> when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    internal void Finish(RequestOutcome outcome) => _finished.TrySetResult(outcome);

    /// <inheritdoc />
    public override string ToString() => $"{Method} {PathAndQuery} ({Body.Length} B, {Outcome})";
}
