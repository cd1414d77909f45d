using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Tern.Bench;

/// <summary>Marks a benchmark whose one invocation reads a whole stream: <see cref="ThroughputColumn"/> divides its size by the median time.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class StreamBytesAttribute(string source) : Attribute
{
    /// <summary>"fixture" (the decompressed fixture) or "synthetic" (the 256 MiB synthetic stream).</summary>
    public string Source { get; } = source;
}

/// <summary>A "GB/s" column: stream bytes per invocation / median time (10^9 bytes per second).</summary>
internal sealed class ThroughputColumn : IColumn
{
    private static readonly ConcurrentDictionary<string, long> Sizes = new();

    public string Id => nameof(ThroughputColumn);
    public string ColumnName => "GB/s (median)";
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => "Stream bytes read per invocation divided by the median time, in 10^9 bytes/s";

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public bool IsAvailable(Summary summary) => true;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var attr = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttributes(typeof(StreamBytesAttribute), false)
            .OfType<StreamBytesAttribute>().FirstOrDefault();
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (attr is null || stats is null) return "-";
        var bytes = Sizes.GetOrAdd(attr.Source, BytesOf);
        return (bytes / stats.Median).ToString("0.00", CultureInfo.InvariantCulture); // bytes per ns = GB/s
    }

    internal static long BytesOf(string source) => source switch
    {
        "fixture" => Fixtures.Load().LongLength,
        "synthetic" => SyntheticStream.Length(Fixtures.Load(), SyntheticSummaryBenchmarks.RamBytes),
        _ => throw new ArgumentException($"unknown stream source '{source}'", nameof(source)),
    };
}
