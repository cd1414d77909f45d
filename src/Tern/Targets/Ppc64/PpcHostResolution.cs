using Tern.Platforms;
using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Ppc64;

/// <summary>
/// What pseries on POWER resolves at start-up once the machine type and CPU model are known: the PVR (the host's own
/// for <c>-cpu host</c>), the max-cpu-compat mode (target/ppc/compat.c), then the spapr caps and what their apply
/// functions refuse (hw/ppc/spapr_caps.c).
/// </summary>
internal static class PpcHostResolution
{
    /// <summary>Resolves <paramref name="host"/>'s POWER facts; QEMU's start-up refusals go to <paramref name="findings"/>.</summary>
    public static ResolvedHost Resolve(ResolvedHost host, MigrationEnd side, List<Finding> findings)
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
                findings.Add(HostResolver.StartFailure(side, CompatModeRule.UnknownCode, $"'{mc}' is not a POWER compatibility mode",
                    [$"Invalid compatibility mode \"{mc}\""], "target/ppc/compat.c ppc_compat_prop_set", "use power6 … power11"));
            }
            else if (!PpcCompatRules.Supports(host.Version, family, maxCompat))
            {
                // Machine reset puts every vCPU in max_compat_pvr mode (spapr_machine_reset → ppc_set_compat_all).
                findings.Add(HostResolver.StartFailure(side, CompatModeRule.UnsupportedCode, $"CPU {host.Cpu} cannot run in compat mode {maxCompat.Name}",
                    [$"Compatibility PVR 0x{maxCompat.LogicalPvr:x8} not valid for CPU"], "target/ppc/compat.c ppc_set_compat (at machine reset)",
                    $"use a max-cpu-compat the CPU supports, or a newer CPU model"));
            }
        }
        var cpu = new ResolvedHost
        {
            Spec = host.Spec, Profile = host.Profile, Architecture = host.Architecture, Machine = host.Machine, MachineType = host.MachineType,
            Cpu = host.Cpu, Accelerator = host.Accelerator,
            TargetFacts = new PowerFacts { Pvr = pvr, Family = family, MaxCompat = maxCompat },
        };
        var resolved = SpaprCapResolution.Resolve(cpu, side, findings);
        findings.AddRange(SpaprCapApply.Check(resolved, side));
        return resolved;
    }
}
