namespace Tern.Tests.Cli;

/// <summary>
/// Compares a rendering with its golden file under tests/Tern.Tests/Cli/Golden (copied next to the tests). Golden files
/// are reviewed output: after a deliberate change to a renderer, review the new output and rewrite them with
/// <c>TERN_UPDATE_GOLDEN=1 dotnet test tests/Tern.Tests -c Release --filter FullyQualifiedName~Golden</c>.
/// </summary>
internal static class GoldenFile
{
    private const string UpdateVariable = "TERN_UPDATE_GOLDEN";
    private const string SourceFolder = "tests/Tern.Tests/Cli/Golden";

    /// <summary>Fails, naming the first differing line, unless <paramref name="actual"/> is the golden file <paramref name="name"/> byte for byte.</summary>
    public static void Verify(string name, string actual)
    {
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), name), actual);
            return;
        }
        var path = Path.Combine(AppContext.BaseDirectory, "Cli", "Golden", name);
        if (!File.Exists(path))
            Assert.Fail($"no golden file {SourceFolder}/{name}: review this rendering and write it with {UpdateVariable}=1\n{actual}");
        var expected = File.ReadAllText(path);
        if (expected == actual) return;
        // The whole rendering beside the tests, for a diff tool.
        var actualPath = path + ".actual";
        File.WriteAllText(actualPath, actual);
        Assert.Fail($"{SourceFolder}/{name} differs from the rendering {Describe(expected, actual)}\n" +
                    $"the whole rendering is in {actualPath}; if the change is intended, review it and rerun with {UpdateVariable}=1");
    }

    // "at line N:" with a few lines of context from both sides, each line quoted so trailing spaces show and ESC as \e.
    private static string Describe(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line]) line++;
        var from = Math.Max(0, line - 2);
        string Context(string[] lines) => string.Join('\n', lines.Skip(from).Take(line - from + 3).Select((l, i) => $"  {from + i + 1,4}{(from + i == line ? '>' : ' ')} \"{l.Replace("\e", "\\e", StringComparison.Ordinal)}\""));
        return $"at line {line + 1} ({e.Length} lines expected, {a.Length} rendered):\nexpected\n{Context(e)}\nrendered\n{Context(a)}";
    }

    // The folder in the source tree, found from the test assembly upwards (the repository root holds Tern.slnx).
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tern.slnx"))) return Path.Combine(dir.FullName, SourceFolder);
        }
        throw new DirectoryNotFoundException($"{UpdateVariable}=1: no Tern.slnx above {AppContext.BaseDirectory}, so {SourceFolder} cannot be found");
    }
}
