using Tern.Platforms;
using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Ppc64;

/// <summary>
/// A pseries machine's spapr caps as QEMU settles them at start-up: the class defaults clamped to the CPU
/// (default_caps_with_cpu), a profile's measured levels where it started this very machine and CPU, then the
/// <c>cap-*</c> machine properties (hw/ppc/spapr_caps.c spapr_caps_add_properties, spapr_cap_set_*).
/// </summary>
internal static class SpaprCapResolution
{
    /// <summary>
    /// <paramref name="host"/> (PVR, family and max-cpu-compat resolved) with its cap defaults, effective levels and
    /// which caps the command line sets; caps or values this QEMU refuses go to <paramref name="findings"/>.
    /// </summary>
    public static ResolvedHost Resolve(ResolvedHost host, MigrationEnd side, List<Finding> findings)
    {
        var spec = host.Spec;
        var facts = host.Profile.For(Architecture.Ppc64)!;
        var defaults = SpaprCaps.Defaults(host.Version, host.MachineType, host.Power().Family, host.Power().MaxCompat, host.Accelerator);
        // A profile that started this very machine type with this CPU (TCG, no max-cpu-compat) read the effective caps
        // off the running machine: data beats the rule where it exists.
        var measured = host.Power().MaxCompat is null && host.Accelerator == Accelerator.Tcg
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
                findings.Add(HostResolver.StartFailure(side, SpaprCapRule.UnknownCode, $"QEMU {host.Profile.Label} has no machine property {key}",
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
                findings.Add(HostResolver.StartFailure(side, SpaprCapRule.ValueCode, e.Message, [e.Message], "hw/ppc/spapr_caps.c spapr_cap_set_*", $"give {key} a valid value"));
            }
        }
        return new ResolvedHost
        {
            Spec = host.Spec, Profile = host.Profile, Architecture = host.Architecture, Machine = host.Machine, MachineType = host.MachineType,
            Cpu = host.Cpu, Accelerator = host.Accelerator,
            TargetFacts = host.Power() with { CapDefaults = defaults, CapEffective = eff, CapOnCommandLine = cmd },
        };
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
}
