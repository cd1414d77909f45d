using System.Diagnostics;
using System.Globalization;

namespace Tern.Bench;

/// <summary>
/// <c>make-large-stream --out FILE [--size 2G] [--template NAME|PATH] [--seed N]</c>: writes a large
/// real-format stream with <see cref="SyntheticStream"/> (a real fixture's header, devices and vmdesc,
/// its main RAM block resized to SIZE and sent as PAGE records of random bytes). The fallback of
/// bench/make-large-stream when no QEMU lab is installed.
/// </summary>
internal static class MakeLargeStream
{
    public static int Run(string[] args)
    {
        string? output = null;
        var size = 2L << 30;
        string? template = null;
        var seed = 42;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--out": output = Value(); break;
                case "--size": size = ParseSize(Value()); break;
                case "--template": template = Value(); break;
                case "--seed": seed = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "-h" or "--help":
                    Console.WriteLine("usage: Tern.Bench make-large-stream --out FILE [--size 2G] [--template FIXTURE] [--seed N]");
                    return 0;
                default:
                    Console.Error.WriteLine($"make-large-stream: unknown argument {args[i]}");
                    return 2;
            }
        }
        if (output is null)
        {
            Console.Error.WriteLine("make-large-stream: --out FILE is required");
            return 2;
        }
        var bytes = Fixtures.Load(template);
        var sw = Stopwatch.StartNew();
        long written;
        using (var file = new FileStream(output, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
        {
            written = SyntheticStream.Write(file, bytes, size, seed,
                progress: n => Console.Error.Write($"\r{n >> 20} MiB"));
        }
        Console.Error.WriteLine();
        Console.WriteLine($"{output}: {written} bytes ({size >> 20} MiB of random pages, template {Path.GetFileName(Fixtures.PathOf(template))}, seed {seed}) in {sw.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static long ParseSize(string s)
    {
        var unit = char.ToUpperInvariant(s[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1L };
        var digits = unit == 1 ? s : s[..^1];
        return long.Parse(digits, CultureInfo.InvariantCulture) * unit;
    }
}
