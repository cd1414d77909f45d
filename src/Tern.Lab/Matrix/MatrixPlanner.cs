using System.Text.RegularExpressions;
using Tern.Lab.Installation;
using Tern.Lab.Migration;
using Tern.Platforms;
using Tern.Targets;

namespace Tern.Lab.Matrix;

/// <summary>Expands a <see cref="MatrixConfig"/> into cells.</summary>
public static partial class MatrixPlanner
{
    /// <summary>The cells, in a stable order (machine, CPU, variant, source, destination), without duplicates.</summary>
    public static IReadOnlyList<MatrixCell> Plan(MatrixConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var cells = new List<MatrixCell>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var versions = config.Versions.Select(v => v.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? v[5..] : v)
            .Distinct(StringComparer.Ordinal).OrderBy(v => v, VersionLabelComparer.Instance).ToList();
        var cpus = config.Cpus.Count == 0 ? [null] : config.Cpus.Select(c => (string?)c).ToList();
        var variants = config.Variants.Count == 0 ? [MatrixVariant.Default] : config.Variants;
        foreach (var machine in config.Machines)
        {
            var arch = config.Arch ?? ArchOf(machine);
            var have = versions.Where(v => HasMachine(v, machine)).ToList();
            foreach (var cpu in cpus)
            foreach (var variant in variants)
            foreach (var (s, d) in Pairs(have, config.Directions))
            {
                var cell = new MatrixCell
                {
                    Arch = arch,
                    Machine = machine,
                    Cpu = cpu,
                    Variant = variant.Name,
                    Source = MigrationSide.Create(s, WithProps(machine, variant.SourceMachine)!, WithProps(cpu, variant.SourceCpu), config.MemoryMiB),
                    Destination = MigrationSide.Create(d, WithProps(machine, variant.DestinationMachine)!, WithProps(cpu, variant.DestinationCpu), config.MemoryMiB),
                    Transport = config.Transport,
                    BackHop = config.BackHop,
                };
                if (seen.Add(cell.Id)) cells.Add(cell);
            }
        }
        return cells;
    }

    /// <summary>The guest architecture a machine type belongs to: that of the target owning it (pseries: ppc64, virt: aarch64).</summary>
    /// <exception cref="FormatException">A machine type no target owns (powernv, sbsa-ref): the config must give <c>arch</c>.</exception>
    public static string ArchOf(string machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return Target.ForMachine(machine)?.Architecture.Name()
            ?? throw new FormatException($"cannot tell the architecture of machine type '{machine}': give 'arch' ({Architectures.NamesText})");
    }

    /// <summary>
    /// Whether QEMU <paramref name="version"/> has <paramref name="machine"/>: a versioned type <c>NAME-X.Y</c> first appears in QEMU X.Y;
    /// unversioned names are assumed present.
    /// </summary>
    public static bool HasMachine(string version, string machine)
    {
        var m = VersionedMachine().Match(machine);
        if (!m.Success) return true;
        return VersionLabelComparer.Instance.Compare(version, m.Groups[1].Value) >= 0
            || VersionLabelComparer.Instance.Compare(MajorMinor(version), m.Groups[1].Value) >= 0;
    }

    private static string MajorMinor(string v)
    {
        var parts = v.Split('.');
        return parts.Length >= 2 ? parts[0] + "." + parts[1] : v;
    }

    private static string? WithProps(string? name, string props) =>
        name is null ? null : props.Length == 0 ? name : name + "," + props;

    private static IEnumerable<(string, string)> Pairs(IReadOnlyList<string> v, MatrixDirection d)
    {
        var pairs = new List<(string, string)>();
        for (var i = 0; i < v.Count; i++)
        {
            if (d.HasFlag(MatrixDirection.Same)) pairs.Add((v[i], v[i]));
            if (i + 1 < v.Count)
            {
                if (d.HasFlag(MatrixDirection.Upgrade)) pairs.Add((v[i], v[i + 1]));
                if (d.HasFlag(MatrixDirection.Downgrade)) pairs.Add((v[i + 1], v[i]));
            }
            for (var j = 0; j < v.Count; j++)
            {
                if (i == j) continue;
                if (d.HasFlag(MatrixDirection.AllPairs)) pairs.Add((v[i], v[j]));
                if (d.HasFlag(MatrixDirection.Forward) && i < j) pairs.Add((v[i], v[j]));
                if (d.HasFlag(MatrixDirection.Backward) && i > j) pairs.Add((v[i], v[j]));
            }
        }
        return pairs.Distinct();
    }

    [GeneratedRegex(@"-(\d+\.\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionedMachine();
}
