namespace Resilient.Drills;

/// <summary>A health transition of an endpoint, from <see cref="EndpointGroup.SubscribeHealthChanges"/>.</summary>
internal readonly record struct HealthEntry(long At, string Endpoint, EndpointState Previous, EndpointState State);
