namespace Resilient.Drills;

/// <summary>Turns what a <see cref="DrillRecorder"/> recorded into a <see cref="DrillReport"/>.</summary>
internal sealed class DrillAnalysis(DrillRecorder recorder, DrillOptions options, long end)
{
    private readonly CallEntry[] _calls = recorder.Calls.ToArray();
    private readonly AttemptEntry[] _attempts = [.. recorder.Attempts.ToArray().OrderBy(a => a.Start)];
    private readonly ExtraAttemptEntry[] _extras = recorder.ExtraAttempts.ToArray();
    private readonly HealthEntry[] _health = recorder.Health.ToArray();
    private readonly FaultEntry[] _faults = recorder.Faults.ToArray();

    private TimeProvider Time => recorder.Time;

    public DrillReport Build(string name, EndpointGroup group, string traffic, IReadOnlyList<PhaseEntry> phases, IReadOnlyList<DrillSample> samples, long budgetExhaustions)
    {
        var endpoints = group.Endpoints;
        return new DrillReport
        {
            Name = name,
            GroupName = group.Name,
            LoadBalancer = group.LoadBalancerName,
            Traffic = traffic,
            StartedAt = recorder.StartedAt,
            Duration = recorder.Offset(end),
            Calls = _calls.Length,
            FailedCalls = _calls.Count(c => c.Error is not null),
            Attempts = _attempts.Length,
            Retries = _extras.Count(e => !e.Hedge),
            Hedges = _extras.Count(e => e.Hedge),
            RetryBudgetExhaustions = budgetExhaustions,
            Errors = [.. _calls.Where(c => c.Error is not null).GroupBy(c => c.Error!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(DrillDefaults.MaxErrors)
                .Select(g => new KeyValuePair<string, long>(g.Key, g.Count()))],
            Phases = [.. phases.Select((phase, i) => Phase(phase, i == phases.Count - 1 ? long.MaxValue : phase.End, endpoints))],
            Endpoints = [.. endpoints.Select(Endpoint)],
            Samples = samples,
        };
    }

    private DrillPhaseReport Phase(PhaseEntry phase, long callsUntil, IReadOnlyList<Endpoint> endpoints)
    {
        var calls = _calls.Where(c => c.Start >= phase.Start && c.Start < callsUntil).ToList();
        var durations = calls.Select(c => Time.GetElapsedTime(c.Start, c.End)).Order().ToList();
        var attempts = _attempts.Where(a => a.Start >= phase.Start && a.Start < callsUntil).ToList();
        var share = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints)
        {
            share[endpoint.Name] = attempts.Count == 0 ? 0 : (double)attempts.Count(a => a.Endpoint == endpoint.Name) / attempts.Count;
        }

        return new DrillPhaseReport
        {
            Name = phase.Name,
            Actions = phase.Actions,
            Start = recorder.Offset(phase.Start),
            End = recorder.Offset(phase.End),
            Calls = calls.Count,
            FailedCalls = calls.Count(c => c.Error is not null),
            ExtraAttempts = _extras.Count(e => e.At >= phase.Start && e.At < callsUntil),
            P50 = Percentiles.Of(durations, 0.50),
            P90 = Percentiles.Of(durations, 0.90),
            P99 = Percentiles.Of(durations, 0.99),
            Max = durations.Count == 0 ? TimeSpan.Zero : durations[^1],
            TrafficShare = share,
        };
    }

    private DrillEndpointReport Endpoint(Endpoint endpoint)
    {
        var mine = _attempts.Where(a => a.Endpoint == endpoint.Name).ToArray();
        var starts = mine.Select(a => a.Start).ToArray();
        var firstFault = _faults.Where(f => f.Faulted).Select(f => f.At).DefaultIfEmpty(end).Min();
        var steadySeconds = Time.GetElapsedTime(recorder.Start, firstFault).TotalSeconds;
        var steadyRate = steadySeconds < 0.25 ? 0 : starts.Count(s => s < firstFault) / steadySeconds;
        var measures = new EpisodeMeasures(starts, steadyRate, options, Time);
        var episodes = Episodes(endpoint.Name).ToList();
        var reports = new List<DrillFaultEpisode>(episodes.Count);
        for (var i = 0; i < episodes.Count; i++)
        {
            var (start, restored, faults) = episodes[i];
            var until = restored ?? end;
            var nextStart = i + 1 < episodes.Count ? episodes[i + 1].Start : end;
            var left = _health.FirstOrDefault(h => h.Endpoint == endpoint.Name && h.At >= start && h.At < until && IsOut(h.State));
            var inEpisode = mine.Where(a => a.Start >= start && a.Start < until).ToList();
            reports.Add(new DrillFaultEpisode
            {
                Faults = faults,
                Start = recorder.Offset(start),
                RestoredAt = restored is { } r ? recorder.Offset(r) : null,
                TrafficLeftAfter = measures.TrafficLeft(start, until),
                LeftRotationAfter = left.Endpoint is null ? null : Time.GetElapsedTime(start, left.At),
                LeftRotationAs = left.Endpoint is null ? null : left.State,
                BackInRotationAfter = left.Endpoint is null || restored is not { } back ? null : BackInRotation(endpoint.Name, back, nextStart),
                TrafficReturnedAfter = restored is { } from ? measures.TrafficReturned(from, nextStart) : null,
                Attempts = inEpisode.Count,
                FailedAttempts = inEpisode.Count(a => a.Failed),
            });
        }

        return new DrillEndpointReport
        {
            Name = endpoint.Name,
            Zone = endpoint.Zone,
            Tier = endpoint.Tier,
            Attempts = mine.Length,
            FailedAttempts = mine.Count(a => a.Failed),
            Share = _attempts.Length == 0 ? 0 : (double)mine.Length / _attempts.Length,
            Episodes = reports,
        };
    }

    /// <summary>The endpoint's fault episodes: from the first fault on it to the restore that freed it, with every fault in force meanwhile.</summary>
    private IEnumerable<(long Start, long? Restored, List<string> Faults)> Episodes(string endpoint)
    {
        (long Start, List<string> Faults)? open = null;
        foreach (var entry in _faults.Where(f => f.Endpoint == endpoint))
        {
            if (entry.Faulted)
            {
                open ??= (entry.At, []);
                foreach (var fault in entry.Faults.Split("; "))
                {
                    if (!open.Value.Faults.Contains(fault))
                    {
                        open.Value.Faults.Add(fault);
                    }
                }
            }
            else if (open is { } episode)
            {
                yield return (episode.Start, entry.At, episode.Faults);
                open = null;
            }
        }

        if (open is { } last)
        {
            yield return (last.Start, null, last.Faults);
        }
    }

    /// <summary>How long after the restore the endpoint became available, if it was out or in trial then.</summary>
    private TimeSpan? BackInRotation(string endpoint, long restored, long until)
    {
        var before = _health.LastOrDefault(h => h.Endpoint == endpoint && h.At <= restored);
        if (before.Endpoint is null || before.State == EndpointState.Available)
        {
            return null;
        }

        var back = _health.FirstOrDefault(h => h.Endpoint == endpoint && h.At >= restored && h.At < until && h.State == EndpointState.Available);
        return back.Endpoint is null ? null : Time.GetElapsedTime(restored, back.At);
    }

    private static bool IsOut(EndpointState state) =>
        state is EndpointState.Ejected or EndpointState.Unreachable or EndpointState.Throttled or EndpointState.Drained or EndpointState.Removed;
}
