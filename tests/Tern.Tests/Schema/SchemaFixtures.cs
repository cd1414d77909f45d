using System.IO.Compression;
using System.Text.Json;
using Tern.Schema;
using Tern.Tests.Support;

namespace Tern.Tests.Schema;

/// <summary>The real dumps, streams and outcomes under tests/fixtures, loaded for schema tests (cached per run).</summary>
internal static class SchemaFixtures
{
    private static readonly Dictionary<string, VmstateSchema> Cache = [];

    /// <summary>A fixture by its path under tests/fixtures (e.g. <c>vmstate/qemu-7.2-pseries-7.2.json.gz</c>), loaded as a schema.</summary>
    public static VmstateSchema Load(string relative)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(relative, out var s)) return s;
            using var file = File.OpenRead(Path.Combine(Fixtures.Root, relative));
            s = SchemaLoader.Load(file, relative);
            Cache[relative] = s;
            return s;
        }
    }

    public static VmstateSchema Dump(string name) => Load($"vmstate/{name}.json.gz");

    public static VmstateSchema Stream(string name) => Load($"streams/{name}.stream.gz");

    /// <summary>The decompressed bytes of a fixture under tests/fixtures.</summary>
    public static byte[] Bytes(string relative)
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(Fixtures.Root, relative)), CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    /// <summary>One migration hop of outcomes.jsonl.</summary>
    public sealed record RealHop(string Case, string Direction, string SourceQemu, string DestinationQemu, string Outcome, IReadOnlyList<string> Errors)
    {
        public bool Succeeded => Outcome == "success";

        /// <summary>The first error line without the "qemu-system-*: " prefix, or null.</summary>
        public string? FirstError => Errors.FirstOrDefault();
    }

    private static IReadOnlyList<RealHop>? _hops;

    /// <summary>Every hop of tests/fixtures/outcomes.jsonl; errors are the stderr lines that are not warnings, prefix removed.</summary>
    public static IReadOnlyList<RealHop> Hops()
    {
        if (_hops is not null) return _hops;
        var list = new List<RealHop>();
        foreach (var line in File.ReadLines(Path.Combine(Fixtures.Root, "outcomes.jsonl")))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            var errors = r.GetProperty("stderr").EnumerateArray()
                .Select(e => e.GetString()!)
                .Select(l => l.StartsWith("qemu-system-", StringComparison.Ordinal) ? l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..] : l)
                .Where(l => !l.StartsWith("warning:", StringComparison.Ordinal))
                .ToList();
            list.Add(new RealHop(r.GetProperty("case").GetString()!, r.GetProperty("hop").GetString()!,
                r.GetProperty("source").GetProperty("qemu").GetString()!, r.GetProperty("destination").GetProperty("qemu").GetString()!,
                r.GetProperty("outcome").GetString()!, errors));
        }
        return _hops = list;
    }

    /// <summary>The hop of a case (<c>forward</c> or <c>back</c>).</summary>
    public static RealHop Hop(string caseName, string direction = "forward") =>
        Hops().Single(h => h.Case == caseName && h.Direction == direction);
}
