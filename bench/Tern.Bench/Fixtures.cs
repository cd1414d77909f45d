using System.IO.Compression;

namespace Tern.Bench;

/// <summary>Finds and loads the real fixture streams of tests/fixtures/streams.</summary>
internal static class Fixtures
{
    /// <summary>The fixture the issue names: a 3.8 MB pseries stream from QEMU 10.0.13.</summary>
    public const string DefaultName = "same-10.0.13-pseries.stream.gz";

    /// <summary>The repository root (the directory holding Tern.slnx), found upwards from this assembly or the working directory.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Full path of a fixture by file name; TERN_BENCH_FIXTURE overrides the default.</summary>
    public static string PathOf(string? name = null)
    {
        name ??= Environment.GetEnvironmentVariable("TERN_BENCH_FIXTURE") ?? DefaultName;
        if (File.Exists(name)) return Path.GetFullPath(name);
        return Path.Combine(RepoRoot, "tests", "fixtures", "streams", name);
    }

    /// <summary>The decompressed bytes of a fixture (plain or .gz).</summary>
    public static byte[] Load(string? name = null)
    {
        var path = PathOf(name);
        using var file = File.OpenRead(path);
        if (!path.EndsWith(".gz", StringComparison.Ordinal)) 
        {
            using var plain = new MemoryStream();
            file.CopyTo(plain);
            return plain.ToArray();
        }
        using var gz = new GZipStream(file, CompressionMode.Decompress);
        using var ms = new MemoryStream();
        gz.CopyTo(ms);
        return ms.ToArray();
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Tern.slnx"))) return d.FullName;
            }
        }
        throw new InvalidOperationException("cannot find the repository root (Tern.slnx) above " + AppContext.BaseDirectory);
    }
}
