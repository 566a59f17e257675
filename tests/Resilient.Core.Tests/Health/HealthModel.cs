namespace Resilient.Core.Tests.Health;

/// <summary>
/// A small, independent restatement of the health rules of SPEC.md section 3, used as the oracle in
/// <see cref="HealthModelTests"/>. It assumes jitter draws of 0 (ejections last exactly n x base; unreachable
/// backoffs exactly half their nominal value) and no failure-rate rule (unit tests cover that rule).
/// </summary>
internal sealed class HealthModel(int consecutiveFailures, double baseEjection, double maxEjection, int maxEjectionPercent)
{
    public List<Node> Nodes { get; } = [];

    public double Now { get; private set; }

    public void Add(string name) => Nodes.Add(new Node(name));

    public void Remove(string name) => Nodes.RemoveAll(n => n.Name == name);

    public Node this[string name] => Nodes.Single(n => n.Name == name);

    public Node? FirstTrial => Nodes.FirstOrDefault(n => n.TrialPending && !n.Drained);

    public bool AnyAvailable => Nodes.Any(n => !n.Drained && n.Status == EndpointHealthStatus.Healthy);

    public void Advance(double seconds)
    {
        Now += seconds;
        foreach (var node in Nodes)
        {
            if (node.Status is EndpointHealthStatus.Ejected or EndpointHealthStatus.Unreachable && !node.TrialPending && Now >= node.Until - 1e-9)
            {
                node.TrialPending = true;
            }
            else if (node.Status == EndpointHealthStatus.Throttled && Now >= node.Until - 1e-9)
            {
                node.Status = EndpointHealthStatus.Healthy;
            }
        }
    }

    public void Ordinary(Node node, EndpointOutcome outcome, double retryAfter)
    {
        if (node.Status != EndpointHealthStatus.Healthy)
        {
            return;
        }

        switch (outcome)
        {
            case EndpointOutcome.Success:
                node.Failures = 0;
                node.Unreachable = 0;
                break;
            case EndpointOutcome.Failure or EndpointOutcome.Timeout:
                node.Unreachable = 0;
                if (++node.Failures >= consecutiveFailures && Nodes.Count(n => n.Status == EndpointHealthStatus.Ejected) < Math.Max(1, Nodes.Count * maxEjectionPercent / 100))
                {
                    Eject(node, decay: true);
                }

                break;
            case EndpointOutcome.Unreachable:
                if (++node.Unreachable >= 2)
                {
                    MarkUnreachable(node);
                }

                break;
            case EndpointOutcome.Throttled:
                Throttle(node, retryAfter);
                break;
        }
    }

    public void Trial(Node node, EndpointOutcome outcome, double retryAfter)
    {
        switch (outcome)
        {
            case EndpointOutcome.Success:
                if (node.Status == EndpointHealthStatus.Ejected)
                {
                    node.LastEjectionEnd = Now;
                }

                node.Status = EndpointHealthStatus.Healthy;
                node.TrialPending = false;
                node.UnreachableTrials = 0;
                node.Failures = node.Unreachable = 0;
                break;
            case EndpointOutcome.Cancelled:
                break;
            case EndpointOutcome.Throttled:
                node.TrialPending = false;
                Throttle(node, retryAfter);
                break;
            case EndpointOutcome.Unreachable:
                MarkUnreachable(node);
                break;
            default:
                if (node.Status == EndpointHealthStatus.Unreachable)
                {
                    MarkUnreachable(node);
                }
                else
                {
                    Eject(node, decay: false);
                }

                break;
        }
    }

    private void Eject(Node node, bool decay)
    {
        var count = node.EjectionCount;
        if (decay && count > 0)
        {
            count = Math.Max(0, count - (int)((Now - node.LastEjectionEnd) / baseEjection));
        }

        node.EjectionCount = ++count;
        node.Status = EndpointHealthStatus.Ejected;
        node.TrialPending = false;
        node.Until = Now + Math.Min(baseEjection * count, maxEjection);
        node.Failures = node.Unreachable = 0;
    }

    private void MarkUnreachable(Node node)
    {
        node.UnreachableTrials = node.Status == EndpointHealthStatus.Unreachable ? node.UnreachableTrials + 1 : 1;
        node.Status = EndpointHealthStatus.Unreachable;
        node.TrialPending = false;
        node.Until = Now + (Math.Min(Math.Pow(2, node.UnreachableTrials - 1), 30) * 0.5);
        node.Failures = node.Unreachable = 0;
    }

    private void Throttle(Node node, double retryAfter)
    {
        node.Status = EndpointHealthStatus.Throttled;
        node.Until = Now + (retryAfter <= 0 ? 1 : Math.Min(retryAfter, 60));
    }

    internal sealed class Node(string name)
    {
        public string Name { get; } = name;

        public EndpointHealthStatus Status { get; set; }

        public bool TrialPending { get; set; }

        public bool Drained { get; set; }

        public double Until { get; set; }

        public int Failures { get; set; }

        public int Unreachable { get; set; }

        public int EjectionCount { get; set; }

        public double LastEjectionEnd { get; set; }

        public int UnreachableTrials { get; set; }

        public EndpointState State =>
            Drained ? EndpointState.Drained
            : TrialPending ? EndpointState.InTrial
            : Status switch
            {
                EndpointHealthStatus.Ejected => EndpointState.Ejected,
                EndpointHealthStatus.Unreachable => EndpointState.Unreachable,
                EndpointHealthStatus.Throttled => EndpointState.Throttled,
                _ => EndpointState.Available,
            };
    }
}
