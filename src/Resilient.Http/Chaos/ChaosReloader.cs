using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Resilient.Http;

/// <summary>Applies edits of a group's <c>Chaos</c> section while the process runs; a bad edit is logged and ignored.</summary>
internal sealed class ChaosReloader : IDisposable
{
    private readonly ChaosController _controller;
    private readonly IConfigurationSection _section;
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;

    public ChaosReloader(ChaosController controller, IConfigurationSection section, string path, ILogger logger)
    {
        _controller = controller;
        _section = section;
        _path = path;
        _logger = logger;
        _subscription = ChangeToken.OnChange(section.GetReloadToken, Reload);
    }

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        var options = new ChaosOptions();
        ChaosOptionsBinder.Bind(_section, options);
        var errors = ChaosOptionsValidator.Validate(options, _path);
        if (errors.Count > 0)
        {
            ChaosLog.ReloadRejected(_logger, _controller.GroupName, string.Join(" ", errors));
            return;
        }

        _controller.Apply(options);
    }
}
