using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Tern.Wire;

namespace Tern.Bench;

/// <summary>
/// <c>probe MODE FILE [--repeat N]</c>: runs one workload N times in a fresh process and prints, per run,
/// wall time, JIT time, GC pauses and counts, bytes allocated and the peak working set, to tell start-up
/// costs (first run: JIT at tier 0, heap growth) from steady state (later runs). MODE: json | summary | decode.
/// </summary>
internal static class Probe
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: Tern.Bench probe json|summary|decode FILE [--repeat N]");
            return 2;
        }
        var mode = args[0];
        var file = args[1];
        var repeat = args.Length > 3 && args[2] == "--repeat" ? int.Parse(args[3], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"# {mode} {file}  (GC: server={GCSettings.IsServerGC}, latency={GCSettings.LatencyMode})");
        Console.WriteLine("run  wall_ms  jit_ms  jit_methods  gc_pause_ms  gen0  gen1  gen2  alloc_MB  peak_ws_MB  result");
        for (var i = 1; i <= repeat; i++)
        {
            var g0 = GC.CollectionCount(0);
            var g1 = GC.CollectionCount(1);
            var g2 = GC.CollectionCount(2);
            var pause = GC.GetTotalPauseDuration();
            var jit = System.Runtime.JitInfo.GetCompilationTime();
            var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
            var alloc = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            long result = mode switch
            {
                "json" => Json(file),
                "summary" => Summary(file),
                "decode" => Decode(file),
                _ => throw new ArgumentException($"unknown mode {mode}"),
            };
            sw.Stop();
            using var self = Process.GetCurrentProcess();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{i,3}  {sw.Elapsed.TotalMilliseconds,7:0.0}  {(System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds,6:0.0}  {System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods,11}  {(GC.GetTotalPauseDuration() - pause).TotalMilliseconds,11:0.0}  {GC.CollectionCount(0) - g0,4}  {GC.CollectionCount(1) - g1,4}  {GC.CollectionCount(2) - g2,4}  {(GC.GetTotalAllocatedBytes(true) - alloc) / 1e6,8:0.0}  {self.PeakWorkingSet64 / 1e6,10:0.0}  {result}"));
        }
        return 0;
    }

    private static MigrationStreamReader Open(string file) =>
        new(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan));

    private static long Summary(string file)
    {
        using var reader = Open(file);
        return StreamSummarizer.Summarize(reader).TotalBytes;
    }

    private static long Decode(string file)
    {
        using var reader = Open(file);
        long fields = 0;
        while (reader.Read())
        {
            if (reader.Kind != MigrationRecordKind.DeviceState) continue;
            var section = reader.Section;
            var device = reader.VmDescription!.Find(section.IdStr, section.InstanceId)!;
            fields += Tern.Decode.VmStateDecoder.DecodeDevice(device, section, reader.GetPayload(), reader.RecordOffset).Body.Fields.Count;
        }
        return fields;
    }

    private static long Json(string file) => StateJson.Write(Open(file), new CountingStream());
}
