using Tern.Platforms;
using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Ppc64;

/// <summary>
/// target/ppc/machine.c <c>cpu_post_load</c>: with an incoming <c>cpu/compat</c> (compat_pvr ≠ 0) the destination must
/// support that compat mode (<c>ppc_set_compat</c>); otherwise the raw PVR must pass <c>pvr_match</c>. Then, under
/// KVM-HV, <c>kvmppc_pvr_workaround_required</c> makes the destination overwrite the PVR with its own (2.10+).
/// </summary>
public static class PpcCpuLoad
{
    private const int SprPvr = 0x11F;

    /// <summary>target/ppc/machine.c vmstate_ppc_cpu: <c>minimum_version_id</c> (as 10.2+ prints it when post_load fails).</summary>
    private const uint MinimumVersion = 5;

    /// <summary>Findings for the incoming POWER <c>cpu</c> section (<paramref name="localVersion"/>: the destination's <c>cpu</c> version).</summary>
    public static IEnumerable<Finding> Check(DeviceSection cpu, uint localVersion, ResolvedHost d, QemuMessages m)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(m);
        if (cpu.Body.Integer("env.spr", SprPvr) is not { } raw) yield break;
        var pvr = (uint)raw;
        // Without cpu/compat in the stream the destination keeps its own compat_pvr, set at machine reset from its
        // max-cpu-compat (hw/ppc/spapr.c spapr_machine_reset → ppc_set_compat_all); the PVR check is then skipped
        // (real 7.2: POWER8 raw → POWER9 with max-cpu-compat=power8 loads).
        var incomingCompat = cpu.Body.Subsection("cpu/compat")?.Body.Field("compat_pvr")?.AsUInt64();
        var compat = (uint)(incomingCompat ?? d.Power().MaxCompat?.LogicalPvr ?? 0);
        // Up to 5.1 cpu_post_load returned -1 (EPERM), from 5.2 -EINVAL (commit 899134eb49).
        var einval = QemuChanges.In(d.Version, "ppc.post-load-einval");
        var strerror = QemuMessages.PostLoadError(!einval);
        if (compat != 0)
        {
            var mode = CompatMode.ByPvr(compat);
            if (mode is null || !PpcCompatRules.Supports(d.Version, d.Power().Family, mode))
            {
                yield return Loader.Fatal(CompatModeRule.Code,
                    $"the guest runs in compat mode {mode?.Name ?? $"0x{compat:X8}"}, which the destination CPU {d.Cpu} ({d.Power().Family}) does not support in QEMU {d.Profile.Label}",
                    m.PostLoadRefused(cpu.InstanceId, "cpu", localVersion, MinimumVersion, einval ? -22 : -1, strerror, $"Compatibility PVR 0x{compat:x8} not valid for CPU"),
                    "target/ppc/machine.c cpu_post_load → ppc_set_compat; target/ppc/compat.c pcc_compat",
                    new Evidence { Section = "cpu", Subsection = "cpu/compat", Field = "compat_pvr", SourceValue = $"0x{compat:X8}", DestinationValue = d.Cpu, Offset = cpu.Offset },
                    "use a destination CPU that supports the guest's compat mode, or a lower max-cpu-compat on the source");
            }
        }
        else if (!PvrMatch.Accepts(d.Version, d.Power().Pvr, pvr))
        {
            yield return Loader.Fatal(PvrMatchRule.Code,
                $"raw PVR {Pvr.Describe(pvr)} is not accepted by the destination CPU class {d.Cpu} (PVR {Pvr.Describe(d.Power().Pvr)}); QEMU prints no reason of its own",
                m.PostLoadRefused(cpu.InstanceId, "cpu", localVersion, MinimumVersion, einval ? -22 : -1, strerror),
                QemuChanges.In(d.Version, "ppc.pvr-match-best") ? "target/ppc/machine.c cpu_post_load → pvr_match (best match: same PVR base and DD level, 7.2+; POWER9 DD2.0/2.1 vs 2.2/2.3 from 8.1)" : "target/ppc/machine.c cpu_post_load → pvr_match (CPU family, 2.10–7.1)",
                new Evidence { Section = "cpu", Field = "env.spr[PVR]", SourceValue = $"0x{pvr:X8}", DestinationValue = $"0x{d.Power().Pvr:X8}", Offset = cpu.Offset },
                $"start both ends with the same CPU model, or set max-cpu-compat on the source so the guest runs in a compat mode the destination supports (e.g. -machine max-cpu-compat=power{(int)Pvr.FamilyOf(Math.Min(pvr, d.Power().Pvr)) + 6})");
        }
        if (d.Accelerator == Accelerator.KvmHv && QemuChanges.In(d.Version, "ppc.kvm-hv-pvr-workaround") && pvr != d.Power().Pvr)
        {
            yield return new Finding
            {
                Code = PvrMatchRule.KvmHvRewriteCode,
                Severity = Severity.Warning,
                Message = $"KVM-HV destination: QEMU replaces the guest's PVR {Pvr.Describe(pvr)} with its own {Pvr.Describe(d.Power().Pvr)} after loading (the kernel would freeze the guest otherwise); the guest sees a different PVR",
                Rule = "target/ppc/machine.c cpu_post_load → kvmppc_pvr_workaround_required (KVM enabled, cap_ppc_pvr_compat false, not KVM-PR; 2.10+)",
                Evidence = new Evidence { Section = "cpu", Field = "env.spr[PVR]", SourceValue = $"0x{pvr:X8}", DestinationValue = $"0x{d.Power().Pvr:X8}" },
                Remedy = "expected on KVM-HV; use hosts with the same PVR to avoid it",
            };
        }
    }
}
