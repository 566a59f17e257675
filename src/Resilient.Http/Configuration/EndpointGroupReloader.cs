using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Resilient.Http;

/// <summary>
/// Watches a group's configuration section and applies edits while the process runs: the endpoint set is replaced
/// in place (endpoints matched by address keep their health and latency history; removed ones take no new calls
/// while theirs finish; added ones enter with slow start). A bad edit is rejected and logged, and the last good
/// configuration stays in force. Other settings are read once, when the group is created.
/// </summary>
internal sealed class EndpointGroupReloader : IDisposable
{
    private readonly EndpointGroup _group;
    private readonly IConfigurationSection _section;
    private readonly IEnumerable<IValidateOptions<EndpointGroupOptions>> _validators;
    private readonly ILogger _logger;
    private readonly IDisposable _subscription;

    public EndpointGroupReloader(EndpointGroup group, IConfigurationSection section, IEnumerable<IValidateOptions<EndpointGroupOptions>> validators, ILogger logger)
    {
        _group = group;
        _section = section;
        _validators = validators;
        _logger = logger;
        _subscription = ChangeToken.OnChange(section.GetReloadToken, Reload);
    }

    public void Dispose() => _subscription.Dispose();

    private void Reload()
    {
        try
        {
            var options = new EndpointGroupOptions();
            EndpointGroupOptionsBinder.Bind(_section, options, options.BindingErrors);
            var failures = new List<string>();
            foreach (var validator in _validators)
            {
                var result = validator.Validate(_group.Name, options);
                if (result.Failed)
                {
                    failures.AddRange(result.Failures);
                }
            }

            if (failures.Count > 0)
            {
                ResilientLog.ReloadRejected(_logger, _group.Name, string.Join(" ", failures));
                return;
            }

            var endpoints = options.Endpoints.Select(e => new Endpoint(new Uri(e.Address!), e.Name, e.Weight, e.Tier, e.Zone, e.Metadata.Count == 0 ? null : new Dictionary<string, string>(e.Metadata))).ToList();
            _group.UpdateEndpoints(endpoints);
            ResilientLog.ReloadAccepted(_logger, _group.Name, endpoints.Count);
        }
#pragma warning disable CA1031 // A reload runs on a configuration thread; a failure must be logged, never crash the process.
        catch (Exception error)
#pragma warning restore CA1031
        {
            ResilientLog.ReloadFailed(_logger, _group.Name, error);
        }
    }
}
