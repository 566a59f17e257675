namespace Resilient;

/// <summary>One endpoint's move from one state to another, as raised to <see cref="EndpointGroup.SubscribeHealthChanges"/>.</summary>
public readonly struct EndpointHealthChange
{
    internal EndpointHealthChange(string groupName, Endpoint endpoint, EndpointState previous, EndpointState current, string? reason, DateTimeOffset? until)
    {
        GroupName = groupName;
        Endpoint = endpoint;
        PreviousState = previous;
        State = current;
        Reason = reason;
        Until = until;
    }

    /// <summary>Gets the group's name.</summary>
    public string GroupName { get; }

    /// <summary>Gets the endpoint that changed.</summary>
    public Endpoint Endpoint { get; }

    /// <summary>Gets the state before the change.</summary>
    public EndpointState PreviousState { get; }

    /// <summary>Gets the state after the change.</summary>
    public EndpointState State { get; }

    /// <summary>Gets why it changed (for example "5 consecutive failures"), if known.</summary>
    public string? Reason { get; }

    /// <summary>Gets when an ejection, backoff or throttle ends, for those states.</summary>
    public DateTimeOffset? Until { get; }

    /// <inheritdoc />
    public override string ToString() => $"{GroupName}/{Endpoint.Name}: {PreviousState} -> {State}{(Reason is null ? "" : $" ({Reason})")}";
}
