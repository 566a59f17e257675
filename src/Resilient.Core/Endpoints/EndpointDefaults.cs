namespace Resilient;

/// <summary>Defaults for <see cref="Endpoint"/> and <see cref="EndpointOptions"/>.</summary>
internal static class EndpointDefaults
{
    public const int Weight = 1;
    public const int Tier = 0;
}
