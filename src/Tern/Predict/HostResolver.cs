using Tern.Knowledge;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Rules;
using Tern.Targets;

namespace Tern.Predict;

/// <summary>
/// Resolves a host spec the way QEMU does at start-up (target from the machine type, machine type and alias, CPU model
/// and alias, then what the target resolves on top: POWER's max-cpu-compat and spapr caps), reporting what QEMU would
/// refuse as source/destination start-up findings.
/// </summary>
public static class HostResolver
{
    /// <summary>Resolves <paramref name="spec"/>; fatal start-up findings go to <paramref name="findings"/>, unknown facts to <paramref name="missing"/>.</summary>
    public static ResolvedHost? Resolve(HostSpec spec, MigrationEnd side, KnowledgeBase knowledge, List<Finding> findings, List<string> missing)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(knowledge);
        var profile = knowledge.Find(spec.Qemu);
        if (profile is null)
        {
            missing.Add($"{side.Name()}: QEMU {spec.Qemu} is not in Tern's knowledge (known: {string.Join(", ", knowledge.Labels)}); add it with `tern lab profile`");
            return null;
        }
        var target = Target.ForMachine(spec.Machine);
        if (target is null)
        {
            missing.Add($"{side.Name()}: machine type '{spec.Machine ?? "(none)"}' is not a {string.Join(" or ", Target.All.Select(t => t.MachineFamily))} machine; give -machine {string.Join(" or ", Target.All.Select(t => t.MachineFamily + "-X.Y"))}");
            return null;
        }
        var arch = target.Architecture;
        var facts = profile.For(arch);
        if (facts is null)
        {
            missing.Add($"{side.Name()}: Tern has no {arch} facts for QEMU {profile.Label}");
            return null;
        }
        var machine = facts.ResolveMachine(spec.Machine);
        if (machine is null || MachineType.TryParse(machine) is not MachineType mt)
        {
            findings.Add(StartFailure(side, StartUpRule.MachineTypeCode,
                $"QEMU {profile.Label} does not register machine type '{spec.Machine}' (it has {Range(facts)})",
                [$"-machine {spec.Machine}: unsupported machine type", "Use -machine help to list supported machines"],
                "vl.c select_machine (machine types are registered per release; old ones are deprecated after 3 years and removed after 6, docs/about/deprecated.rst)",
                $"use a machine type both QEMU versions register, e.g. {facts.Aliases.Values.FirstOrDefault()}"));
            return null;
        }
        var cpuName = spec.Cpu ?? facts.Machines.GetValueOrDefault(machine) ?? "";
        var cpu = facts.ResolveCpu(cpuName);
        if (cpu is null)
        {
            findings.Add(StartFailure(side, StartUpRule.CpuModelCode, $"QEMU {profile.Label} has no CPU model '{cpuName}'",
                [$"unable to find CPU model '{cpuName}'"], "target/*/cpu.c *_cpu_class_by_name (CPU models per release: `-cpu help`)",
                "pick a CPU model both QEMU versions have"));
            return null;
        }
        var resolved = new ResolvedHost
        {
            Spec = spec, Profile = profile, Architecture = arch, Machine = machine, MachineType = mt, Cpu = cpu,
            Accelerator = target.ResolveAccelerator(spec),
        };
        // What the target resolves on top (POWER: PVR, compat mode, spapr caps).
        return target.ResolveFacts(resolved, side, findings);
    }

    private static string Range(ArchProfile facts)
    {
        var versions = facts.Machines.Keys.Select(k => (k, MachineType.TryParse(k))).Where(x => x.Item2 is not null).OrderBy(x => x.Item2!.Value.Major).ThenBy(x => x.Item2!.Value.Minor).ToList();
        return versions.Count == 0 ? "none" : $"{versions[0].k} … {versions[^1].k}";
    }

    /// <summary>A fatal start-up finding.</summary>
    public static Finding StartFailure(MigrationEnd side, string code, string message, IReadOnlyList<string> qemuError, string rule, string remedy) => new()
    {
        Code = code,
        Severity = Severity.Fatal,
        Message = $"{side.Name()} QEMU refuses to start: {message}",
        QemuError = qemuError,
        Rule = rule,
        Remedy = remedy,
        Side = side,
    };
}
