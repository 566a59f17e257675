namespace Resilient;

/// <summary>
/// Why an endpoint is out of rotation. Any set bit removes it from the availability list the balancers pick from;
/// the health tracker and operator commands set and clear bits and then republish the group's snapshot.
/// </summary>
[Flags]
internal enum EndpointAvailability
{
    Available = 0,
    Drained = 1,
}
