namespace Resilient;

/// <summary>
/// A call could not be served by any endpoint of its group: none was available, or every attempt failed, or the
/// retry budget ran out. The message names the group and lists each attempt's endpoint and outcome.
/// </summary>
public sealed class EndpointUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EndpointUnavailableException()
        : this("No endpoint could serve the call.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public EndpointUnavailableException(string message)
        : base(message)
    {
        GroupName = string.Empty;
        Attempts = [];
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The last attempt's error.</param>
    public EndpointUnavailableException(string message, Exception? innerException)
        : base(message, innerException)
    {
        GroupName = string.Empty;
        Attempts = [];
    }

    internal EndpointUnavailableException(string groupName, string reason, IReadOnlyList<AttemptRecord> attempts, Exception? innerException)
        : base(Describe(groupName, reason, attempts), innerException)
    {
        GroupName = groupName;
        Attempts = attempts;
    }

    /// <summary>Gets the group's name.</summary>
    public string GroupName { get; }

    /// <summary>Gets the attempts made, in order (empty when no endpoint was available at all).</summary>
    public IReadOnlyList<AttemptRecord> Attempts { get; }

    private static string Describe(string group, string reason, IReadOnlyList<AttemptRecord> attempts) =>
        attempts.Count == 0
            ? $"Endpoint group '{group}': {reason}; no attempt was made."
            : $"Endpoint group '{group}': {reason}. Attempts: {string.Join("; ", attempts)}.";
}
