using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>What one QEMU version offers for one target: machine types with their default CPU, the alias, CPU models.</summary>
public sealed class ArchProfile
{
    /// <summary>The target.</summary>
    public required Architecture Architecture { get; init; }
    /// <summary>Registered machine types and the default CPU type of each (as <c>query-machines</c> reports).</summary>
    public required IReadOnlyDictionary<string, string> Machines { get; init; }
    /// <summary>The unversioned alias (<c>pseries</c>, <c>virt</c>) and the machine it resolves to.</summary>
    public required IReadOnlyDictionary<string, string> Aliases { get; init; }
    /// <summary>CPU models; for POWER with their PVR.</summary>
    public required IReadOnlyDictionary<string, uint> CpuModels { get; init; }
    /// <summary>CPU model aliases (POWER: <c>power9</c> → <c>power9_v2.0</c>), lower case.</summary>
    public required IReadOnlyDictionary<string, string> CpuAliases { get; init; }

    /// <summary>Machine types the binary marks deprecated (<c>query-machines</c> <c>deprecated</c>); empty when not known.</summary>
    public IReadOnlySet<string> DeprecatedMachines { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Hand-entered register values per CPU model (index → value), for versions without a real stream.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<ulong, ulong>> KnownCpregs { get; init; } = new Dictionary<string, IReadOnlyDictionary<ulong, ulong>>();

    /// <summary>
    /// spapr caps a real machine read at start-up (<c>qom-get</c>), by machine type and CPU model (no max-cpu-compat,
    /// TCG): effective values as QEMU prints them. Empty when the profile did not measure them.
    /// </summary>
    public IReadOnlyDictionary<(string Machine, string Cpu), IReadOnlyDictionary<string, string>> MeasuredCaps { get; init; } =
        new Dictionary<(string, string), IReadOnlyDictionary<string, string>>();

    /// <summary>What the binary's <c>-dump-vmstate</c> declares (every subsection, minimum versions), or null when the profile has no dump.</summary>
    public Func<RegisteredVmstate>? Registered { get; init; }

    /// <summary>Resolves a machine name or alias to a registered versioned machine type, or null.</summary>
    public string? ResolveMachine(string? name)
    {
        if (name is null) return Aliases.Values.FirstOrDefault();
        if (Aliases.TryGetValue(name, out var target)) return target;
        return Machines.ContainsKey(name) ? name : null;
    }

    /// <summary>Resolves a CPU model name (case-insensitive aliases, as ppc_cpu_class_by_name) to a model, or null.</summary>
    public string? ResolveCpu(string name)
    {
        if (CpuModels.ContainsKey(name)) return name;
        var lower = name.ToLowerInvariant();
        if (CpuModels.ContainsKey(lower)) return lower;
        if (CpuAliases.TryGetValue(lower, out var target)) return target;
        return null;
    }
}
