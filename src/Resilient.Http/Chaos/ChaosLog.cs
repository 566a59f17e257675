using Microsoft.Extensions.Logging;

namespace Resilient.Http;

/// <summary>Source-generated chaos log messages. Event ids continue <see cref="LogEvents"/>' numbering (104x).</summary>
internal static partial class ChaosLog
{
    public const int InjectingEvent = LogEvents.ChaosInjecting;
    public const int NotInjectingEvent = LogEvents.ChaosNotInjecting;
    public const int ReloadRejectedEvent = LogEvents.ChaosReloadRejected;

    [LoggerMessage(EventId = InjectingEvent, Level = LogLevel.Warning, Message = "Chaos injection is ON for group {Group}: {Count} faults: {Faults}")]
    public static partial void Injecting(ILogger logger, string group, int count, string faults);

    [LoggerMessage(EventId = NotInjectingEvent, Level = LogLevel.Information, Message = "Chaos injection is off for group {Group} ({State}; {Faults})")]
    public static partial void NotInjecting(ILogger logger, string group, string state, string faults);

    [LoggerMessage(EventId = ReloadRejectedEvent, Level = LogLevel.Error, Message = "Group {Group}: the edited chaos configuration was rejected and the previous one stays in force: {Errors}")]
    public static partial void ReloadRejected(ILogger logger, string group, string errors);
}
