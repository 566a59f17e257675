using System.Globalization;
using System.Text;
using Resilient.Drills;

namespace Resilient.Demo;

/// <summary>For logs and CI: one line when a phase begins and then once a second.</summary>
internal sealed class PlainView
{
    private string? _phase;
    private int _count;
    private long _calls;
    private long _failed;

    public ValueTask OnSample(DrillSample sample)
    {
        _calls += sample.Calls;
        _failed += sample.FailedCalls;
        if (sample.Phase != _phase)
        {
            _phase = sample.Phase;
            Console.WriteLine($"-- {sample.Phase}");
            _count = 0;
        }

        if (_count++ % 4 == 0)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{sample.Offset.TotalSeconds,6:0.0} s  calls {_calls,6:N0}  failed {_failed,3}  p99 {(sample.P99?.TotalMilliseconds ?? 0),5:0} ms |");
            foreach (var endpoint in sample.Endpoints)
            {
                line.Append(CultureInfo.InvariantCulture, $" {endpoint.Name} {endpoint.Share * 100,3:0}% {Short(endpoint.State)}");
            }

            Console.WriteLine(line.ToString());
        }

        return ValueTask.CompletedTask;
    }

    private static string Short(EndpointState state) => state switch
    {
        EndpointState.Available => "ok  ",
        EndpointState.InTrial => "trial",
        EndpointState.Unreachable => "DOWN",
        EndpointState.Ejected => "EJCT",
        _ => state.ToString(),
    };
}
