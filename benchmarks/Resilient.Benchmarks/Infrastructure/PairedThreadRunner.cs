namespace Resilient.Benchmarks;

/// <summary>
/// Runs the same batch of work on the calling thread and on one dedicated partner thread at the same time, and
/// waits for both. Nothing is allocated per run: the partner thread is created once and both sides hand off
/// through volatile fields, spinning rather than blocking, because a kernel wake-up would cost more than the
/// batch being measured.
/// </summary>
/// <remarks>
/// Only the benchmark's thread may call <see cref="Run"/>, one run at a time (BenchmarkDotNet invokes a benchmark
/// sequentially). The partner spins between runs, so it keeps one core busy for as long as the runner lives.
/// </remarks>
internal sealed class PairedThreadRunner : IDisposable
{
    private readonly Thread _partner;
    private Func<int>? _work;
    private int _partnerResult;
    private volatile int _requested;
    private volatile int _finished;
    private volatile bool _stopping;

    public PairedThreadRunner()
    {
        _partner = new Thread(PartnerLoop) { IsBackground = true, Name = "Benchmark partner" };
        _partner.Start();
    }

    /// <summary>Runs <paramref name="work"/> on both threads at once; returns the sum of both results.</summary>
    public int Run(Func<int> work)
    {
        _work = work;

        // The volatile write publishes _work to the partner.
        var ticket = _requested + 1;
        _requested = ticket;
        var mine = work();
        var spinner = default(SpinWait);
        while (_finished != ticket)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return mine + _partnerResult;
    }

    public void Dispose()
    {
        _stopping = true;
        _partner.Join();
    }

    private void PartnerLoop()
    {
        var seen = 0;
        while (true)
        {
            var spinner = default(SpinWait);
            int ticket;
            while ((ticket = _requested) == seen)
            {
                if (_stopping)
                {
                    return;
                }

                spinner.SpinOnce(sleep1Threshold: -1);
            }

            seen = ticket;
            _partnerResult = _work!();

            // The volatile write publishes _partnerResult to the caller.
            _finished = ticket;
        }
    }
}
