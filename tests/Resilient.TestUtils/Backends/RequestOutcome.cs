namespace Resilient.TestUtils;

/// <summary>How a request recorded by a <see cref="LoopbackBackend"/> ended.</summary>
internal enum RequestOutcome
{
    /// <summary>The backend is still working on it (reading, delaying or writing).</summary>
    InProgress,

    /// <summary>The backend produced a response.</summary>
    Completed,

    /// <summary>The connection was aborted without a (complete) response: client cancellation, <see cref="LoopbackBackend.ResetConnections"/> or shutdown.</summary>
    Aborted,
}
