using Resilient.Http;

namespace Resilient.Drills;

/// <summary>
/// Carries out a drill's actions, remembers what is in force so restores undo exactly that, and records when each
/// endpoint comes under the drill's faults and when it is freed of all of them.
/// </summary>
internal sealed class DrillFaultBook(EndpointGroup group, ChaosController? chaos, DrillRecorder recorder)
{
    private readonly List<(DrillAction Action, IDisposable? Injection)> _inForce = [];
    private readonly Dictionary<string, string> _faulted = new(StringComparer.Ordinal);

    /// <summary>Carries out one action; call <see cref="Commit"/> after a phase's actions to record what changed.</summary>
    public async Task ApplyAsync(DrillAction action, CancellationToken cancellationToken)
    {
        switch (action.Kind)
        {
            case DrillActionKind.Fault:
                _inForce.Add((action, chaos!.Inject(action.Fault!)));
                break;
            case DrillActionKind.Drain:
                group.Drain(action.Target!.Value);
                _inForce.Add((action, null));
                break;
            case DrillActionKind.Custom:
                await action.Apply!(cancellationToken).ConfigureAwait(false);
                _inForce.Add((action, null));
                break;
            case DrillActionKind.Restore:
                await UndoAsync(action.Target).ConfigureAwait(false);
                break;
            default:
                await UndoAsync(target: null).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>
    /// Records, as of <paramref name="at"/> (when the phase began), which endpoints came under faults and which were
    /// freed. A phase's actions count together, so restoring one fault while a wider one begins is no recovery.
    /// </summary>
    public void Commit(long at) => Update(at);

    /// <summary>Undoes whatever is still in force (at the end of a drill, however it ends).</summary>
    public async Task RestoreAllAsync()
    {
        var at = recorder.Now;
        await UndoAsync(target: null).ConfigureAwait(false);
        Update(at);
    }

    /// <summary>Undoes, latest first, the actions on <paramref name="target"/> (all of them when null); every undo runs even if one throws.</summary>
    private async Task UndoAsync(DrillTarget? target)
    {
        List<Exception>? errors = null;
        for (var i = _inForce.Count - 1; i >= 0; i--)
        {
            var (action, injection) = _inForce[i];
            if (target is not null && !target.Equals(action.Target))
            {
                continue;
            }

            _inForce.RemoveAt(i);
            try
            {
                injection?.Dispose();
                if (action.Kind == DrillActionKind.Drain)
                {
                    group.Restore(action.Target!.Value);
                }
                else if (action.Undo is { } undo)
                {
                    await undo(CancellationToken.None).ConfigureAwait(false);
                }
            }
#pragma warning disable CA1031 // Every other undo must still run; the failures are rethrown together below.
            catch (Exception error)
#pragma warning restore CA1031
            {
                (errors ??= []).Add(error);
            }
        }

        if (errors is not null)
        {
            throw new AggregateException("Restoring after a drill action failed.", errors);
        }
    }

    private void Update(long at)
    {
        foreach (var endpoint in group.Endpoints)
        {
            var faults = new List<string>();
            foreach (var (action, _) in _inForce)
            {
                if (action.Target is { } target && target.Matches(endpoint))
                {
                    faults.Add(action.Description);
                }
            }

            var description = string.Join("; ", faults);
            var was = _faulted.GetValueOrDefault(endpoint.Name);
            if (faults.Count == 0 && was is not null)
            {
                _faulted.Remove(endpoint.Name);
                recorder.Faults.Add(new FaultEntry(at, endpoint.Name, Faulted: false, was));
            }
            else if (faults.Count > 0 && description != was)
            {
                _faulted[endpoint.Name] = description;
                recorder.Faults.Add(new FaultEntry(at, endpoint.Name, Faulted: true, description));
            }
        }
    }
}
