using System.IO.Compression;

namespace Tern.Tests.Support;

/// <summary>Real QEMU fixtures copied into tests/fixtures (see tests/fixtures/README.md).</summary>
internal static class Fixtures
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "fixtures");

    public static string StreamPath(string name) => Path.Combine(Root, "streams", name.EndsWith(".gz", StringComparison.Ordinal) ? name : name + ".stream.gz");

    public static IEnumerable<string> StreamNames() =>
        Directory.EnumerateFiles(Path.Combine(Root, "streams"), "*.stream.gz").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static TheoryData<string> AllStreams()
    {
        var data = new TheoryData<string>();
        foreach (var n in StreamNames()) data.Add(n);
        return data;
    }

    private static readonly Dictionary<string, byte[]> Cache = [];

    /// <summary>The decompressed bytes of a fixture stream (cached per test run).</summary>
    public static byte[] StreamBytes(string name)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(name, out var b)) return b;
            using var gz = new GZipStream(File.OpenRead(StreamPath(name)), CompressionMode.Decompress);
            using var ms = new MemoryStream();
            gz.CopyTo(ms);
            b = ms.ToArray();
            Cache[name] = b;
            return b;
        }
    }

    public static string VmstatePath(string name) => Path.Combine(Root, "vmstate", name);
}
