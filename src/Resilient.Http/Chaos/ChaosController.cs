using Microsoft.Extensions.Logging;

namespace Resilient.Http;

/// <summary>
/// Switches fault injection for one endpoint group at run time: on and off, and which faults apply. One per group
/// registered with <c>AddChaos</c>, shared by every client of the group (a keyed singleton: the key is the group's
/// name). Faults apply only while <see cref="Enabled"/> is <see langword="true"/>.
/// </summary>
/// <remarks>
/// Faults come from two places: the configured ones (<see cref="ChaosOptions.Faults"/>, replaced by
/// <see cref="Apply"/> and by configuration reloads) and the injected ones (<see cref="Inject"/>, removed by
/// disposing the returned handle). <see cref="Clear"/> removes both. Every change is logged.
/// </remarks>
public sealed class ChaosController
{
    private static readonly ChaosRule[] s_none = [];

    private readonly Lock _lock = new();
    private readonly ILogger _logger;
    private readonly List<ChaosRule> _injected = [];
    private ChaosRule[] _configured = s_none;
    private ChaosRule[] _active = s_none;
    private bool _enabled;

    internal ChaosController(EndpointGroup group, ChaosOptions options, ILogger logger, RandomSource? random = null)
    {
        Group = group;
        _logger = logger;
        Random = random ?? RandomSource.Shared;
        Apply(options);
    }

    /// <summary>Gets the name of the group whose endpoints get the faults.</summary>
    public string GroupName => Group.Name;

    /// <summary>Gets or sets a value indicating whether faults are injected. Setting it is logged.</summary>
    public bool Enabled
    {
        get => Volatile.Read(ref _enabled);
        set
        {
            lock (_lock)
            {
                if (_enabled == value)
                {
                    return;
                }

                _enabled = value;
                PublishLocked();
            }
        }
    }

    /// <summary>Gets copies of the current faults, configured ones first, whether or not injection is enabled.</summary>
    public IReadOnlyList<ChaosFaultOptions> Faults
    {
        get
        {
            lock (_lock)
            {
                var faults = new List<ChaosFaultOptions>(_configured.Length + _injected.Count);
                foreach (var rule in _configured)
                {
                    faults.Add(rule.Fault.Clone());
                }

                foreach (var rule in _injected)
                {
                    faults.Add(rule.Fault.Clone());
                }

                return faults;
            }
        }
    }

    internal EndpointGroup Group { get; }

    internal RandomSource Random { get; }

    /// <summary>Gets the rules to check on each attempt: empty while disabled (one volatile read).</summary>
    internal ChaosRule[] ActiveRules => Volatile.Read(ref _active);

    /// <summary>Adds a fault until the returned handle is disposed (or <see cref="Clear"/> is called).</summary>
    /// <param name="fault">The fault; it is copied, so later edits to it have no effect.</param>
    /// <returns>A handle that removes the fault when disposed; disposing it twice is harmless.</returns>
    /// <exception cref="ArgumentException">The fault is invalid; the message names the property.</exception>
    public IDisposable Inject(ChaosFaultOptions fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var errors = ChaosOptionsValidator.ValidateFault(fault, "");
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid chaos fault for group '{GroupName}': {string.Join(" ", errors)}", nameof(fault));
        }

        var rule = new ChaosRule(fault);
        lock (_lock)
        {
            _injected.Add(rule);
            PublishLocked();
        }

        return new Injection(this, rule);
    }

    /// <summary>Removes every fault, configured and injected; <see cref="Enabled"/> is unchanged.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _configured = s_none;
            _injected.Clear();
            PublishLocked();
        }
    }

    /// <summary>Replaces <see cref="Enabled"/> and the configured faults; injected faults stay.</summary>
    /// <param name="options">The new settings.</param>
    /// <exception cref="ArgumentException">A fault is invalid; the message names it and the property.</exception>
    public void Apply(ChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = ChaosOptionsValidator.Validate(options, "Chaos");
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid chaos settings for group '{GroupName}': {string.Join(" ", errors)}", nameof(options));
        }

        var rules = new ChaosRule[options.Faults.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new ChaosRule(options.Faults[i]);
        }

        lock (_lock)
        {
            _configured = rules;
            _enabled = options.Enabled;
            PublishLocked();
        }
    }

    /// <summary>Finds the group's endpoint a re-addressed request goes to: same scheme, host and port, longest base path.</summary>
    internal Endpoint? FindEndpoint(Uri uri)
    {
        Endpoint? best = null;
        var bestLength = -1;
        foreach (var member in Group.CurrentMembers)
        {
            var address = member.Endpoint.Address;
            if (address.Port != uri.Port
                || !string.Equals(address.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
                || !string.Equals(address.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var basePath = address.AbsolutePath.TrimEnd('/');
            var path = uri.AbsolutePath;
            if (basePath.Length > bestLength
                && path.StartsWith(basePath, StringComparison.Ordinal)
                && (path.Length == basePath.Length || path[basePath.Length] == '/'))
            {
                (best, bestLength) = (member.Endpoint, basePath.Length);
            }
        }

        return best;
    }

    private void Remove(ChaosRule rule)
    {
        lock (_lock)
        {
            if (_injected.Remove(rule))
            {
                PublishLocked();
            }
        }
    }

    private void PublishLocked()
    {
        var all = new ChaosRule[_configured.Length + _injected.Count];
        _configured.CopyTo(all, 0);
        _injected.CopyTo(all, _configured.Length);
        Volatile.Write(ref _active, _enabled && all.Length > 0 ? all : s_none);
        var description = all.Length == 0 ? "no faults" : string.Join("; ", (IEnumerable<ChaosRule>)all);
        if (_enabled && all.Length > 0)
        {
            ChaosLog.Injecting(_logger, GroupName, all.Length, description);
        }
        else
        {
            ChaosLog.NotInjecting(_logger, GroupName, _enabled ? "enabled" : "disabled", description);
        }
    }

    private sealed class Injection(ChaosController owner, ChaosRule rule) : IDisposable
    {
        public void Dispose() => owner.Remove(rule);
    }
}
