namespace Resilient;

/// <summary>Group-level events beyond endpoint health transitions, for the HTTP package's logging.</summary>
internal interface IGroupEvents
{
    void OnTierSpillChanged(EndpointGroup group, bool spilling);

    void OnRetryBudgetExhausted(EndpointGroup group);

    void OnNoEndpointAvailable(EndpointGroup group);
}
