namespace Resilient.Drills;

/// <summary>One attempt on an endpoint, from the group's <c>resilient.endpoint.request.duration</c> measurement.</summary>
internal readonly record struct AttemptEntry(long Start, long End, string Endpoint, string Outcome)
{
    /// <summary>Gets a value indicating whether the attempt counts as a failure of its endpoint (cancelled attempts do not).</summary>
    public bool Failed => Outcome is not ("success" or "cancelled");
}
