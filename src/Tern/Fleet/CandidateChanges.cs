using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// Single changes worth verifying for a VM, all taken from the knowledge (no release numbers in code): the newest
/// machine type its host shares with each QEMU of the targets, each POWER compat mode both know, the default CPU
/// models of those machine types, and every level of a spapr cap a blocking finding names. Each one is only a
/// candidate: <see cref="SuggestionSearch"/> keeps what the engine verifies.
/// </summary>
public static class CandidateChanges
{
    /// <summary>The candidates for <paramref name="options"/> on <paramref name="source"/>, towards <paramref name="targets"/>.</summary>
    public static IReadOnlyList<CandidateChange> For(HostSpec options, FleetHost source, IReadOnlyList<FleetHost> targets, IEnumerable<Finding> blockers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(blockers);
        var list = new List<CandidateChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { VmOptions.ClassKey(options) };
        void Add(string kind, HostSpec changed, string option, string description)
        {
            if (seen.Add(VmOptions.ClassKey(changed))) list.Add(new CandidateChange(kind, changed, option, description));
        }
        var current = source.Arch.ResolveMachine(options.Machine);
        var family = MachineType.TryParse(current)?.Family ?? source.Architecture.MachineFamily();
        var labels = targets.Select(t => t.Arch).Append(source.Arch).Distinct().ToList();
        var machines = new List<string>();
        foreach (var arch in labels)
        {
            var shared = source.Arch.Machines.Keys.Where(arch.Machines.ContainsKey)
                .Select(MachineType.TryParse).Where(m => m is { Suffix: null } && m.Value.Family == family).Select(m => m!.Value)
                .OrderByDescending(m => m.Major).ThenByDescending(m => m.Minor).FirstOrDefault();
            if (shared.Family is not null && !machines.Contains(shared.ToString())) machines.Add(shared.ToString());
        }
        foreach (var m in machines)
        {
            var changed = options with { Machine = m };
            Add("machine", changed, CandidateChange.MachineOption(changed), $"machine type {current ?? "default"} → {m}");
        }
        var oldest = targets.Select(t => t.Profile.Version).Append(source.Profile.Version).Min();
        var target = Targets.Target.For(source.Architecture);
        var compatProperty = target.CompatModeProperty;
        var have = compatProperty is null ? null : options.MachineProperty(compatProperty);
        foreach (var mode in compatProperty is null ? [] : target.CompatModes(oldest))
        {
            var changed = options with { MachineProperties = With(options.MachineProperties, compatProperty!, mode) };
            Add("compat", changed, CandidateChange.MachineOption(changed), $"compat mode {have ?? "none"} → {mode}");
        }
        var cpus = new List<string>();
        foreach (var arch in labels)
            foreach (var m in machines.Append(current).OfType<string>())
                if (arch.Machines.TryGetValue(m, out var cpu) && cpu.Length > 0 && source.Arch.ResolveCpu(cpu) is { } known && !cpus.Contains(known)) cpus.Add(known);
        foreach (var cpu in cpus)
        {
            var changed = options with { Cpu = cpu, CpuProperties = new Dictionary<string, string>() };
            Add("cpu", changed, CandidateChange.CpuOption(changed)!, $"CPU {options.Cpu ?? "default"} → {cpu}");
        }
        foreach (var cap in PropertiesNamed(blockers, target))
            foreach (var value in cap.Values)
            {
                var changed = options with { MachineProperties = With(options.MachineProperties, cap.Property, value) };
                Add("cap", changed, CandidateChange.MachineOption(changed), $"{cap.Property} {options.MachineProperty(cap.Property) ?? "default"} → {value}");
            }
        return list;
    }

    private static Dictionary<string, string> With(IReadOnlyDictionary<string, string> props, string key, string value)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in props) d[k] = v;
        d[key] = value;
        return d;
    }

    // The target's tunable properties a finding names by evidence or in its message, in the order they are named.
    private static IEnumerable<Targets.TunableProperty> PropertiesNamed(IEnumerable<Finding> findings, Targets.ITarget target) =>
        findings.SelectMany(f => target.TunableProperties.Where(p => f.Evidence.Field == p.Property || (p.Subsection is not null && f.Evidence.Subsection == p.Subsection) || f.Message.Contains(p.Property, StringComparison.Ordinal)))
            .Distinct();
}
