namespace Resilient.Http;

/// <summary>Fixed parameters of request body replay (<see cref="ReplayableContent"/>).</summary>
internal static class ReplayDefaults
{
    /// <summary>First buffer rented for a body whose length is known only after serializing it (JSON, mixed multipart); it doubles up to the limit.</summary>
    public const int InitialUnknownLengthCapacity = 4096;
}
