using System.Globalization;
using Tern.Lab.Migration;
using YamlDotNet.RepresentationModel;

namespace Tern.Lab.Matrix;

/// <summary>
/// Reads a matrix YAML file (docs/lab.md):
/// <code>
/// arch: ppc64
/// versions: [5.2, 7.2, 10.0.13]
/// machines: [pseries-5.2, pseries-7.2]
/// cpus: [power9_v2.0]
/// variants:
///   - name: cfpc-fixed
///     source: { machine: cap-cfpc=fixed }
/// directions: [same, n-1->n, n->n-1]
/// backHop: true
/// transport: file
/// </code>
/// </summary>
public static class MatrixConfigLoader
{
    /// <summary>Loads a file.</summary>
    public static MatrixConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        try
        {
            return Parse(reader);
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Parses YAML text.</summary>
    public static MatrixConfig Parse(TextReader reader)
    {
        var yaml = new YamlStream();
        try
        {
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FormatException($"not valid YAML: {e.Message}", e);
        }
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new FormatException("a matrix config is a YAML mapping with at least 'versions' and 'machines'");
        var known = new HashSet<string>(StringComparer.Ordinal) { "arch", "versions", "machines", "cpus", "variants", "directions", "backHop", "back-hop", "transport", "memory" };
        foreach (var k in root.Children.Keys)
            if (k is YamlScalarNode s && !known.Contains(s.Value ?? ""))
                throw new FormatException($"unknown key '{s.Value}' (known: {string.Join(", ", known.Order(StringComparer.Ordinal))})");
        var versions = List(root, "versions");
        var machines = List(root, "machines");
        if (versions.Count == 0) throw new FormatException("'versions' must list at least one QEMU version label");
        if (machines.Count == 0) throw new FormatException("'machines' must list at least one machine type");
        var directions = MatrixDirection.None;
        foreach (var d in List(root, "directions")) directions |= ParseDirection(d);
        var variants = new List<MatrixVariant>();
        if (root.Children.TryGetValue(new YamlScalarNode("variants"), out var vnode))
        {
            if (vnode is not YamlSequenceNode seq) throw new FormatException("'variants' must be a list");
            foreach (var item in seq)
            {
                if (item is not YamlMappingNode m) throw new FormatException("each variant is a mapping with 'name' and optional 'source', 'destination', 'both'");
                var name = Scalar(m, "name") ?? throw new FormatException("a variant needs a 'name'");
                var both = Side(m, "both");
                var src = Side(m, "source");
                var dst = Side(m, "destination");
                variants.Add(new MatrixVariant(name, Join(both.Machine, src.Machine), Join(both.Machine, dst.Machine), Join(both.Cpu, src.Cpu), Join(both.Cpu, dst.Cpu)));
            }
        }
        var transport = (Scalar(root, "transport") ?? "file") switch
        {
            "file" => MigrationTransport.File,
            "unix" => MigrationTransport.Unix,
            var t => throw new FormatException($"transport must be 'file' or 'unix', not '{t}'"),
        };
        var back = Scalar(root, "backHop") ?? Scalar(root, "back-hop");
        return new MatrixConfig
        {
            Arch = Scalar(root, "arch"),
            Versions = versions,
            Machines = machines,
            Cpus = List(root, "cpus"),
            Variants = variants,
            Directions = directions == MatrixDirection.None ? MatrixDirection.Upgrade : directions,
            BackHop = back is not null && ParseBool(back, "backHop"),
            Transport = transport,
            MemoryMiB = Scalar(root, "memory") is { } mem ? int.Parse(mem, CultureInfo.InvariantCulture) : 256,
        };
    }

    /// <summary>Parses a direction name: <c>n-1-&gt;n</c>/<c>upgrade</c>, <c>n-&gt;n-1</c>/<c>downgrade</c>, <c>all</c>, <c>same</c>, <c>forward</c>, <c>backward</c>.</summary>
    public static MatrixDirection ParseDirection(string text) => text.Replace("→", "->", StringComparison.Ordinal).Trim() switch
    {
        "n-1->n" or "upgrade" => MatrixDirection.Upgrade,
        "n->n-1" or "downgrade" => MatrixDirection.Downgrade,
        "all" or "all-pairs" or "all pairs" => MatrixDirection.AllPairs,
        "same" => MatrixDirection.Same,
        "forward" or "older->newer" => MatrixDirection.Forward,
        "backward" or "newer->older" => MatrixDirection.Backward,
        var d => throw new FormatException($"unknown direction '{d}' (use n-1->n, n->n-1, all, same, forward, backward)"),
    };

    private static string Join(string a, string b) => a.Length == 0 ? b : b.Length == 0 ? a : a + "," + b;

    private static (string Machine, string Cpu) Side(YamlMappingNode m, string key)
    {
        if (!m.Children.TryGetValue(new YamlScalarNode(key), out var n)) return ("", "");
        if (n is YamlScalarNode s) return (s.Value ?? "", "");
        if (n is not YamlMappingNode side) throw new FormatException($"variant '{key}' must be a mapping with 'machine' and/or 'cpu' properties");
        return (Scalar(side, "machine") ?? "", Scalar(side, "cpu") ?? "");
    }

    private static bool ParseBool(string v, string key) => v.ToUpperInvariant() switch
    {
        "TRUE" or "YES" or "ON" => true,
        "FALSE" or "NO" or "OFF" => false,
        _ => throw new FormatException($"'{key}' must be true or false"),
    };

    private static string? Scalar(YamlMappingNode m, string key) =>
        m.Children.TryGetValue(new YamlScalarNode(key), out var n) ? n is YamlScalarNode s ? s.Value : throw new FormatException($"'{key}' must be a single value") : null;

    private static List<string> List(YamlMappingNode m, string key)
    {
        if (!m.Children.TryGetValue(new YamlScalarNode(key), out var n)) return [];
        return n switch
        {
            YamlSequenceNode seq => seq.Select(i => i is YamlScalarNode s ? s.Value ?? "" : throw new FormatException($"'{key}' must be a list of values")).ToList(),
            YamlScalarNode s => (s.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            _ => throw new FormatException($"'{key}' must be a list"),
        };
    }
}
