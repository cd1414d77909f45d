using BenchmarkDotNet.Attributes;
using Tern.Wire;

namespace Tern.Bench;

/// <summary>
/// (d) The summary pass over a synthetic 256 MiB stream: the real fixture's header, devices and vmdesc,
/// with its 256 MiB RAM block sent as 65,536 PAGE records of random bytes (written with
/// MigrationStreamWriter into a MemoryStream once, in GlobalSetup).
/// </summary>
[Config(typeof(BenchConfig))]
public class SyntheticSummaryBenchmarks
{
    /// <summary>RAM block size of the synthetic stream.</summary>
    public const long RamBytes = 256L << 20;

    private byte[] _stream = [];
    private int _length;

    [GlobalSetup]
    public void Setup()
    {
        var template = Fixtures.Load();
        var ms = new MemoryStream((int)(RamBytes + RamBytes / 64 + template.Length));
        SyntheticStream.Write(ms, template, RamBytes);
        _stream = ms.GetBuffer();
        _length = (int)ms.Length;
    }

    /// <summary>StreamSummarizer over the in-memory stream (the reader skips every page payload).</summary>
    [Benchmark, StreamBytes("synthetic")]
    public long SummaryRandomPages256MiB()
    {
        using var reader = new MigrationStreamReader(new MemoryStream(_stream, 0, _length, writable: false));
        return StreamSummarizer.Summarize(reader).TotalBytes;
    }

    /// <summary>The bare reader loop (no summarizer): what the format costs by itself.</summary>
    [Benchmark, StreamBytes("synthetic")]
    public long ReadLoopRandomPages256MiB()
    {
        using var reader = new MigrationStreamReader(new MemoryStream(_stream, 0, _length, writable: false));
        long pages = 0;
        while (reader.Read())
        {
            if (reader.Kind == MigrationRecordKind.RamPage) pages++;
        }
        return pages;
    }
}
