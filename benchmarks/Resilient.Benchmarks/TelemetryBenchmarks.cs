using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;

namespace Resilient.Benchmarks;

/// <summary>
/// Telemetry cost per attempt (acquire and complete on a group): with no listener (baseline), and with a
/// <see cref="MeterListener"/> subscribed to every Resilient instrument.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class TelemetryBenchmarks
{
    private const int Operations = 10_000;

    private EndpointGroup _group = null!;
    private MeterListener? _listener;
    private long _sink;

    /// <summary>Gets or sets a value indicating whether a metrics listener is attached.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    /// <summary>Builds the group and, when listening, the listener.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var options = new EndpointGroupOptions { LoadBalancer = LoadBalancers.RoundRobin };
        for (var i = 0; i < 3; i++)
        {
            options.Endpoints.Add(new EndpointOptions { Address = Fixtures.Address(i), Name = Fixtures.Name(i) });
        }

        _group = new EndpointGroup("telemetry-bench", options, TimeProvider.System);
        if (Listening)
        {
            _listener = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == TelemetryNames.Source)
                    {
                        listener.EnableMeasurementEvents(instrument);
                    }
                },
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _sink, value));
            _listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _sink));
            _listener.Start();
        }
    }

    /// <summary>Disposes the listener.</summary>
    [GlobalCleanup]
    public void Cleanup() => _listener?.Dispose();

    /// <summary>Acquire and complete one attempt.</summary>
    [Benchmark(OperationsPerInvoke = Operations)]
    public int Attempt()
    {
        var sum = 0;
        for (var i = 0; i < Operations; i++)
        {
            if (_group.TryAcquire(out var lease))
            {
                sum += lease.Attempt;
                lease.Complete(EndpointOutcome.Success);
            }
        }

        return sum;
    }
}
