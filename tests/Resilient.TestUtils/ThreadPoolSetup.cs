using System.Runtime.CompilerServices;

namespace Resilient.TestUtils;

/// <summary>
/// Runs when a test project first touches these utilities (all of them do, before their first backend or group).
/// Drills run traffic at a set rate on timers, and integration tests assert latencies. On a 2-core machine the thread pool starts with 2 worker threads, and
/// the test host (VSTest and xunit) keeps some of them blocked while tests run; timer callbacks then wait for the
/// pool to inject threads (about two a second), and a drill that should make 80 calls in 800 ms made 20 (measured:
/// 3 pool threads, work items pending, 54 completed in the whole run). Applications are not in that position, so
/// this is set for the test process only.
/// </summary>
internal static class ThreadPoolSetup
{
#pragma warning disable CA2255 // A module initializer is the way to act before the test framework runs any test here.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void RaiseMinimumThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);
    }
}
