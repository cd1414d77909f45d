using SharpFuzz;

namespace Tern.Fuzz;

/// <summary>
/// <c>Tern.Fuzz run TARGET</c> under afl-fuzz (input on stdin, persistent mode); <c>replay TARGET FILE...</c> runs
/// inputs once and says what happened; <c>seeds FIXTURES OUT</c> writes small seed corpora cut from real fixtures.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args)
        {
            case ["list"]:
                foreach (var t in FuzzTargets.All) Console.WriteLine($"{t.Name,-14} {t.Description}");
                return 0;
            case ["run", var name]:
                return Run(name);
            case ["replay", var name, .. var files] when files.Length > 0:
                return Replay(name, files);
            case ["seeds", var fixtures, var output]:
                SeedBuilder.WriteAll(fixtures, output);
                return 0;
            default:
                Console.Error.WriteLine("usage: Tern.Fuzz list | run TARGET | replay TARGET FILE... | seeds FIXTURES_DIR OUT_DIR");
                return 2;
        }
    }

    private static IFuzzTarget? Target(string name)
    {
        var target = FuzzTargets.Find(name);
        if (target is null) Console.Error.WriteLine($"Tern.Fuzz: no target '{name}' (see 'list')");
        return target;
    }

    private static int Run(string name)
    {
        if (Target(name) is not { } target) return 2;
        // No Tern code may run before Fuzzer.Run: instrumented code writes to AFL's map, which Run sets up.
        using var buffer = new MemoryStream();
        Fuzzer.Run(stream =>
        {
            buffer.SetLength(0);
            stream.CopyTo(buffer);
            FuzzHarness.Run(target, buffer.ToArray());
        });
        return 0;
    }

    private static int Replay(string name, string[] files)
    {
        if (Target(name) is not { } target) return 2;
        FuzzHarness.Warm();
        var crashes = 0;
        foreach (var file in files)
        {
            try
            {
                var error = FuzzHarness.Run(target, File.ReadAllBytes(file));
                Console.WriteLine(error is null ? $"{file}: ok" : $"{file}: refused ({error.GetType().Name}): {error.Message}");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                crashes++;
                Console.WriteLine($"{file}: CRASH {e}");
            }
        }
        return crashes == 0 ? 0 : 1;
    }
}
