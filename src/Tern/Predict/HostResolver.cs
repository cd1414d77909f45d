using Tern.Knowledge;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Platforms.Ppc;

namespace Tern.Predict;

/// <summary>
/// Resolves a host spec the way QEMU does at start-up (machine type and alias, CPU model and alias, max-cpu-compat,
/// spapr caps), reporting what QEMU would refuse as source/destination start-up findings.
/// </summary>
public static class HostResolver
{
    /// <summary>Resolves <paramref name="spec"/>; fatal start-up findings go to <paramref name="findings"/>, unknown facts to <paramref name="missing"/>.</summary>
    public static ResolvedHost? Resolve(HostSpec spec, string side, KnowledgeBase knowledge, List<Finding> findings, List<string> missing)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(knowledge);
        var profile = knowledge.Find(spec.Qemu);
        if (profile is null)
        {
            missing.Add($"{side}: QEMU {spec.Qemu} is not in Tern's knowledge (known: {string.Join(", ", knowledge.Labels)}); add it with `tern lab profile`");
            return null;
        }
        var arch = ArchitectureOf(spec.Machine);
        if (arch is null)
        {
            missing.Add($"{side}: machine type '{spec.Machine ?? "(none)"}' is not a pseries or virt machine; give -machine pseries-X.Y or virt-X.Y");
            return null;
        }
        var facts = profile.For(arch.Value);
        if (facts is null)
        {
            missing.Add($"{side}: Tern has no {arch} facts for QEMU {profile.Label}");
            return null;
        }
        var binary = arch == Architecture.Ppc64 ? "qemu-system-ppc64" : "qemu-system-aarch64";
        var machine = facts.ResolveMachine(spec.Machine);
        if (machine is null || MachineType.TryParse(machine) is not MachineType mt)
        {
            findings.Add(StartFailure(side, "machine-type-unavailable",
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
            findings.Add(StartFailure(side, "cpu-model-unavailable", $"QEMU {profile.Label} has no CPU model '{cpuName}'",
                [$"unable to find CPU model '{cpuName}'"], "target/*/cpu.c *_cpu_class_by_name (CPU models per release: `-cpu help`)",
                "pick a CPU model both QEMU versions have"));
            return null;
        }
        var accel = spec.Accelerator;
        if (accel == Accelerator.Kvm && arch == Architecture.Ppc64)
            accel = spec.HostFacts.GetValueOrDefault("kvm") switch { "pr" => Accelerator.KvmPr, "hv" => Accelerator.KvmHv, _ => Accelerator.Kvm };
        var resolved = new ResolvedHost
        {
            Spec = spec, Profile = profile, Architecture = arch.Value, Machine = machine, MachineType = mt, Cpu = cpu,
            Accelerator = accel,
        };
        if (arch == Architecture.Ppc64) resolved = ResolvePpc(resolved, side, findings);
        return resolved;
    }

    private static ResolvedHost ResolvePpc(ResolvedHost host, string side, List<Finding> findings)
    {
        var spec = host.Spec;
        var facts = host.Profile.For(Architecture.Ppc64)!;
        var pvr = facts.CpuModels.GetValueOrDefault(host.Cpu);
        if (spec.HostFacts.TryGetValue("pvr", out var hostPvr) && host.Cpu == "host")
            pvr = Convert.ToUInt32(hostPvr, 16);
        var family = Pvr.FamilyOf(pvr);
        CompatMode? maxCompat = null;
        if (spec.MachineProperty("max-cpu-compat") is { } mc)
        {
            maxCompat = CompatMode.ByName(mc);
            if (maxCompat is null)
            {
                findings.Add(StartFailure(side, "compat-mode-unknown", $"'{mc}' is not a POWER compatibility mode",
                    [$"Invalid compatibility mode \"{mc}\""], "target/ppc/compat.c ppc_compat_prop_set", "use power6 … power11"));
            }
            else if (!PpcCompatRules.Supports(host.Version, family, maxCompat))
            {
                // Machine reset puts every vCPU in max_compat_pvr mode (spapr_machine_reset → ppc_set_compat_all).
                findings.Add(StartFailure(side, "compat-mode-unsupported", $"CPU {host.Cpu} cannot run in compat mode {maxCompat.Name}",
                    [$"Compatibility PVR 0x{maxCompat.LogicalPvr:x8} not valid for CPU"], "target/ppc/compat.c ppc_set_compat (at machine reset)",
                    $"use a max-cpu-compat the CPU supports, or a newer CPU model"));
            }
        }
        var defaults = SpaprCaps.Defaults(host.Version, host.MachineType, family, maxCompat, host.Accelerator);
        // A profile that started this very machine type with this CPU (TCG, no max-cpu-compat) read the effective caps
        // off the running machine: data beats the rule where it exists.
        var measured = maxCompat is null && host.Accelerator == Accelerator.Tcg
            ? facts.MeasuredCaps.GetValueOrDefault((host.Machine, host.Cpu)) : null;
        // What the running machine reports is the *effective* level; the default that spapr_caps_post_migration assumes
        // for a cap the stream does not carry is default_caps_with_cpu, the rule. They differ when a build changes the
        // effective level behind the default's back (the 2.11.2 TCG cap-htm hack): keep both.
        var eff = defaults.ToArray();
        if (measured is not null)
        {
            eff = MeasuredDefaults(defaults, measured);
            defaults = RuleDefaults(defaults, eff, host.Version);
        }
        var cmd = new bool[defaults.Length];
        foreach (var (key, value) in spec.MachineProperties)
        {
            if (!key.StartsWith("cap-", StringComparison.Ordinal)) continue;
            var cap = SpaprCaps.ByName(key);
            var exists = cap is not null && (measured is not null ? measured.ContainsKey(key) : SpaprCaps.Exists(host.Version, cap));
            if (cap is null || !exists)
            {
                findings.Add(StartFailure(side, "spapr-cap-unknown", $"QEMU {host.Profile.Label} has no machine property {key}",
                    [$"Property '{host.Machine}-machine.{key}' not found"], "hw/ppc/spapr_caps.c spapr_caps_add_properties (caps per release)",
                    $"drop {key} on this QEMU version"));
                continue;
            }
            try
            {
                eff[cap.Id] = cap.ParseLevel(value);
                cmd[cap.Id] = true;
            }
            catch (FormatException e)
            {
                findings.Add(StartFailure(side, "spapr-cap-value", e.Message, [e.Message], "hw/ppc/spapr_caps.c spapr_cap_set_*", $"give {key} a valid value"));
            }
        }
        var resolved = new ResolvedHost
        {
            Spec = host.Spec, Profile = host.Profile, Architecture = host.Architecture, Machine = host.Machine, MachineType = host.MachineType,
            Cpu = host.Cpu, Accelerator = host.Accelerator, Pvr = pvr, Family = family, MaxCompat = maxCompat,
            CapDefaults = defaults, CapEffective = eff, CapOnCommandLine = cmd,
        };
        findings.AddRange(Targets.Ppc64.SpaprCapApply.Check(resolved, side));
        return resolved;
    }

    // The rule's default where the rules know the cap in this release; the measured level elsewhere (a cap newer than
    // the rules: nothing to compare it with).
    private static int[] RuleDefaults(int[] computed, int[] measured, QemuVersion version)
    {
        var caps = measured.ToArray();
        foreach (var cap in SpaprCaps.All)
            if (SpaprCaps.Exists(version, cap)) caps[cap.Id] = computed[cap.Id];
        return caps;
    }

    private static int[] MeasuredDefaults(int[] computed, IReadOnlyDictionary<string, string> measured)
    {
        var caps = computed.ToArray();
        foreach (var cap in SpaprCaps.All)
        {
            if (!measured.TryGetValue(cap.Property, out var text)) continue;
            try { caps[cap.Id] = cap.ParseLevel(text); }
            catch (FormatException) { /* a value this Tern cannot read: keep the rule's */ }
        }
        return caps;
    }

    /// <summary>The target a machine type belongs to, or null.</summary>
    public static Architecture? ArchitectureOf(string? machine) => machine switch
    {
        null => null,
        _ when machine == "pseries" || machine.StartsWith("pseries-", StringComparison.Ordinal) => Architecture.Ppc64,
        _ when machine == "virt" || machine.StartsWith("virt-", StringComparison.Ordinal) => Architecture.Aarch64,
        _ => null,
    };

    private static string Range(ArchProfile facts)
    {
        var versions = facts.Machines.Keys.Select(k => (k, MachineType.TryParse(k))).Where(x => x.Item2 is not null).OrderBy(x => x.Item2!.Value.Major).ThenBy(x => x.Item2!.Value.Minor).ToList();
        return versions.Count == 0 ? "none" : $"{versions[0].k} … {versions[^1].k}";
    }

    /// <summary>A fatal start-up finding.</summary>
    public static Finding StartFailure(string side, string code, string message, IReadOnlyList<string> qemuError, string rule, string remedy) => new()
    {
        Code = code,
        Severity = Severity.Fatal,
        Message = $"{side} QEMU refuses to start: {message}",
        QemuError = qemuError,
        Rule = rule,
        Remedy = remedy,
        Side = side,
    };
}
