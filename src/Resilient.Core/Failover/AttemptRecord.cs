namespace Resilient;

/// <summary>One attempt of a failed call, as listed in <see cref="EndpointUnavailableException"/>.</summary>
public sealed class AttemptRecord
{
    internal AttemptRecord(int attempt, string endpoint, EndpointOutcome outcome, string? detail)
    {
        Attempt = attempt;
        Endpoint = endpoint;
        Outcome = outcome;
        Detail = detail;
    }

    /// <summary>Gets the 1-based attempt number.</summary>
    public int Attempt { get; }

    /// <summary>Gets the endpoint's name.</summary>
    public string Endpoint { get; }

    /// <summary>Gets how the attempt ended.</summary>
    public EndpointOutcome Outcome { get; }

    /// <summary>Gets details such as the status code or the error, if any.</summary>
    public string? Detail { get; }

    /// <inheritdoc />
    public override string ToString() => $"#{Attempt} {Endpoint}: {Outcome}{(Detail is null ? "" : $" ({Detail})")}";
}
