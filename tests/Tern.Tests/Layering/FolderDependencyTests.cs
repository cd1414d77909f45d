using System.Text.RegularExpressions;

namespace Tern.Tests.Layering;

/// <summary>
/// docs/architecture.md: data flows one way and nothing on the left knows anything on its right; the one exception is
/// Targets beside Predict. Read from the sources: every folder of src/Tern names only the folders it may.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly Dictionary<string, string[]> MayUse = new(StringComparer.Ordinal)
    {
        ["Vmstate"] = [],
        ["Rules"] = [],
        ["Platforms"] = [],
        ["Wire"] = ["Vmstate"],
        ["Decode"] = ["Vmstate", "Wire"],
        ["Schema"] = ["Vmstate", "Wire", "Rules"],
        ["Knowledge"] = ["Vmstate", "Wire", "Schema", "Decode", "Platforms"],
        ["Predict"] = ["Vmstate", "Wire", "Schema", "Decode", "Rules", "Platforms", "Knowledge", "Targets"],
        ["Targets"] = ["Vmstate", "Wire", "Schema", "Decode", "Rules", "Platforms", "Knowledge", "Predict"],
        ["Fleet"] = ["Vmstate", "Wire", "Schema", "Decode", "Rules", "Platforms", "Knowledge", "Predict", "Targets"],
    };

    [Fact]
    public void Each_folder_of_the_library_names_only_the_folders_on_its_left()
    {
        var src = Path.Combine(RepositoryRoot(), "src", "Tern");
        var folders = Directory.GetDirectories(src).Select(Path.GetFileName).Where(f => f is not ("bin" or "obj")).ToList();
        Assert.Equal(MayUse.Keys.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal)); // a new folder takes a row here
        var wrong = new List<string>();
        foreach (var folder in folders)
            foreach (var file in Directory.EnumerateFiles(Path.Combine(src, folder!), "*.cs", SearchOption.AllDirectories))
                foreach (var (line, n) in File.ReadLines(file).Select((l, i) => (l, i + 1)))
                {
                    var code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                    foreach (Match m in Reference().Matches(code))
                    {
                        var used = m.Groups[1].Value;
                        if (used != folder && MayUse.ContainsKey(used) && !MayUse[folder!].Contains(used))
                            wrong.Add($"{Path.GetRelativePath(src, file)}:{n} ({folder} → {used}): {code}");
                    }
                }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    // `using Tern.X`, `Tern.X.Type`, or `X.Type` written inside namespace Tern (e.g. Targets.Target.For).
    [GeneratedRegex(@"(?:\busing\s+Tern\.|\bTern\.|(?<![\w.]))(Vmstate|Wire|Decode|Schema|Knowledge|Predict|Targets|Fleet|Rules|Platforms)\.[A-Z]|\busing\s+Tern\.(\w+);")]
    private static partial Regex Reference();

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Tern.slnx"))) dir = Path.GetDirectoryName(dir) ?? throw new DirectoryNotFoundException("no Tern.slnx above the tests");
        return dir;
    }
}
