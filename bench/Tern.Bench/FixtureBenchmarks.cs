using BenchmarkDotNet.Attributes;
using Tern.Decode;
using Tern.Wire;

namespace Tern.Bench;

/// <summary>
/// The real 3.8 MB pseries fixture (QEMU 10.0.13, same-10.0.13-pseries; TERN_BENCH_FIXTURE picks another),
/// decompressed once into memory: summary pass, full decode, round trip.
/// </summary>
[Config(typeof(BenchConfig))]
public class FixtureBenchmarks
{
    private byte[] _stream = [];

    [GlobalSetup]
    public void Setup()
    {
        _stream = Fixtures.Load();
    }

    private MigrationStreamReader Open() => new(new MemoryStream(_stream, writable: false));

    /// <summary>(a) What <c>tern inspect FILE</c> computes: one pass, every payload skipped.</summary>
    [Benchmark(Baseline = true), StreamBytes("fixture")]
    public long Summary()
    {
        using var reader = Open();
        return StreamSummarizer.Summarize(reader).TotalBytes;
    }

    /// <summary>(b) Read every record and decode every device section with the stream's own vmdesc.</summary>
    [Benchmark, StreamBytes("fixture")]
    public int DecodeAllDevices()
    {
        using var reader = Open();
        var fields = 0;
        while (reader.Read())
        {
            if (reader.Kind != MigrationRecordKind.DeviceState) continue;
            var section = reader.Section;
            var device = reader.VmDescription!.Find(section.IdStr, section.InstanceId)!;
            var state = VmStateDecoder.DecodeDevice(device, section, reader.GetPayload(), reader.RecordOffset);
            fields += state.Body.Fields.Count;
        }
        return fields;
    }

    /// <summary>(c) Lossless round trip: every record read and re-written with CopyRecord (payloads included) into Stream.Null.</summary>
    [Benchmark, StreamBytes("fixture")]
    public long RoundTrip()
    {
        using var reader = Open();
        using var writer = new MigrationStreamWriter(Stream.Null, leaveOpen: true);
        while (reader.Read()) writer.CopyRecord(reader);
        return writer.BytesWritten;
    }

    /// <summary>(e) What <c>tern inspect FILE --json</c> does after start-up: the CLI's StateJsonWriter into a byte counter.</summary>
    [Benchmark, StreamBytes("fixture")]
    public long StateJsonCli() => StateJson.Write(Open(), new CountingStream());
}
