using BenchmarkDotNet.Running;

namespace Resilient.Benchmarks;

/// <summary>Entry point: pick classes and filters on the command line (<c>--filter '*RoundRobinPick*'</c>).</summary>
public static class Program
{
    /// <summary>Runs the benchmarks selected by <paramref name="args"/>.</summary>
    /// <param name="args">BenchmarkDotNet's command-line arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
