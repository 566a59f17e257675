using Microsoft.Extensions.DependencyInjection;
using Resilient.Http;

namespace Resilient.Drills;

/// <summary>
/// Runs disaster-recovery drills against one endpoint group: drives traffic, plays a <see cref="DrillScript"/> of
/// faults, samples the group, undoes every fault at the end however the drill ends, and reports what callers saw.
/// </summary>
/// <example><code>
/// var runner = DrillRunner.Create(app.Services, "catalog");
/// var report = await runner.RunAsync(script, DrillTraffic.Http(client, "/items", requestsPerSecond: 100));
/// Console.WriteLine(report.ToText());
/// </code></example>
public sealed class DrillRunner
{
    private readonly DrillOptions _options;

    /// <summary>Creates a runner.</summary>
    /// <param name="group">The group to drill.</param>
    /// <param name="chaos">The group's fault injection (<c>AddChaos</c>); needed by scripts that take down, slow, fail or reset targets, and it must be enabled.</param>
    /// <param name="options">Sampling and measurement settings.</param>
    /// <exception cref="ArgumentException"><paramref name="chaos"/> belongs to another group.</exception>
    public DrillRunner(EndpointGroup group, ChaosController? chaos = null, DrillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (chaos is not null && chaos.GroupName != group.Name)
        {
            throw new ArgumentException($"The chaos controller belongs to group '{chaos.GroupName}', not '{group.Name}'.", nameof(chaos));
        }

        Group = group;
        Chaos = chaos;
        _options = options ?? new DrillOptions();
        _options.Validate();
    }

    /// <summary>Gets the group being drilled.</summary>
    public EndpointGroup Group { get; }

    /// <summary>Gets the group's fault injection, if any.</summary>
    public ChaosController? Chaos { get; }

    /// <summary>Creates a runner for a group registered with <c>AddEndpointGroup</c> (and, for fault actions, <c>AddChaos</c>).</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="groupName">The group's name.</param>
    /// <param name="options">Sampling and measurement settings.</param>
    /// <returns>The runner.</returns>
    /// <exception cref="InvalidOperationException">No group of that name is registered.</exception>
    public static DrillRunner Create(IServiceProvider services, string groupName, DrillOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        var group = services.GetKeyedService<EndpointGroup>(groupName)
            ?? throw new InvalidOperationException($"No endpoint group named '{groupName}' is registered (AddEndpointGroup).");
        return new DrillRunner(group, services.GetKeyedService<ChaosController>(groupName), options);
    }

    /// <summary>Runs the drill: traffic starts, each phase's actions are carried out in turn, and the report is built when the last phase ends and the calls in flight finish.</summary>
    /// <param name="script">The phases and their actions.</param>
    /// <param name="traffic">The calls to make.</param>
    /// <param name="cancellationToken">Stops the drill; whatever it changed is undone before the method returns.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The script is empty or targets an endpoint, zone or tier the group does not have.</exception>
    /// <exception cref="InvalidOperationException">The script injects faults but the group has no chaos, or chaos is not enabled.</exception>
    public async Task<DrillReport> RunAsync(DrillScript script, DrillTraffic traffic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(traffic);
        DrillScriptValidator.Validate(script, Group, Chaos);
        var time = _options.TimeProvider ?? Group.TimeProvider;
        var budget = Group.RetryBudgetExhaustions;
        using var recorder = new DrillRecorder(Group, time);
        var book = new DrillFaultBook(Group, Chaos, recorder);
        var sampler = new DrillSampler(Group, recorder) { Phase = script.Phases[0].Name };
        var phases = new List<PhaseEntry>(script.Phases.Count);
        using var stopTraffic = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopSampling = new CancellationTokenSource();
        var trafficTask = TrafficLoop.RunAsync(traffic, recorder, stopTraffic.Token, cancellationToken);
        var samplingTask = sampler.RunAsync(_options.SampleInterval, _options.OnSample, stopSampling.Token);
        try
        {
            foreach (var phase in script.Phases)
            {
                // The traffic started with the drill, so the first phase starts with it too.
                var begin = phases.Count == 0 ? recorder.Start : recorder.Now;
                sampler.Phase = phase.Name;
                try
                {
                    foreach (var action in phase.Actions)
                    {
                        await book.ApplyAsync(action, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    book.Commit(begin);
                }

                var remaining = phase.Duration - time.GetElapsedTime(begin);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(remaining, time, cancellationToken).ConfigureAwait(false);
                }

                phases.Add(new PhaseEntry(phase.Name, begin, recorder.Now, [.. phase.Actions.Select(a => a.Description)]));
            }
        }
        finally
        {
            try
            {
                await book.RestoreAllAsync().ConfigureAwait(false);
            }
            finally
            {
                await stopTraffic.CancelAsync().ConfigureAwait(false);
                await trafficTask.ConfigureAwait(false);
                await stopSampling.CancelAsync().ConfigureAwait(false);
                await samplingTask.ConfigureAwait(false);
            }
        }

        var end = phases[^1].End;
        return new DrillAnalysis(recorder, _options, end)
            .Build(script.Name, Group, traffic.Description, phases, sampler.Samples, Group.RetryBudgetExhaustions - budget);
    }
}
