using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Tern.Bench;

/// <summary>
/// A short job (1 launch, 3 warm-up, 10 measured iterations) so that <c>--filter '*'</c> stays under
/// five minutes on 2 cores; median and GB/s columns; memory diagnoser; GitHub markdown report.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("Short"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max, new ThroughputColumn());
    }
}
