using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// Whether a destination CPU class accepts an incoming raw PVR (target/ppc/machine.c <c>cpu_post_load</c> →
/// <c>pvr_match</c>, target/ppc/cpu_init.c <c>ppc_pvr_match_power*</c>). The rule depends on the QEMU era.
/// </summary>
public static class PvrMatch
{
    /// <summary>True when QEMU <paramref name="version"/> with CPU class PVR <paramref name="classPvr"/> accepts <paramref name="incomingPvr"/>.</summary>
    public static bool Accepts(QemuVersion version, uint classPvr, uint incomingPvr)
    {
        if (incomingPvr == classPvr) return true;
        // Before 2.10 cpu_post_load did not compare the PVR at all.
        if (!QemuChanges.In(version, "ppc.pvr-checked-on-load")) return true;
        var family = Pvr.FamilyOf(classPvr);
        var incomingBase = incomingPvr & Pvr.ServerMask;
        var classBase = classPvr & Pvr.ServerMask;
        if (!QemuChanges.In(version, "ppc.pvr-match-best"))
        {
            // 2.10 … 7.1: family match (POWER7 takes 7/7+, POWER8 takes 8/8E/8NVL, POWER9/10 any DD level).
            return family != PpcCpuFamily.Other && Pvr.FamilyOf(incomingPvr) == family;
        }
        // 7.2+ (commit 21d3a78e, migration passes best=true): same base PVR, and for POWER9/10/11 the same major DD level.
        if (incomingBase != classBase) return false;
        if (family is PpcCpuFamily.Power7 or PpcCpuFamily.Power8) return true;
        if ((incomingPvr & 0x0F00) != (classPvr & 0x0F00)) return false;
        if (family == PpcCpuFamily.Power9 && QemuChanges.In(version, "ppc.pvr-match-power9-dd2-split") && (incomingPvr & 0x0F00) == 0x0200)
        {
            // 8.1+ (commit 277ee17212, with the power9_v2.2 model): DD2.0/2.1 match only power9_v2.0 and
            // DD2.2/2.3 only power9_v2.2 (real 7.2 power9_v2.0 → 10.0.2 power9_v2.2 fails in cpu_post_load).
            return (incomingPvr & 0xF) < 2 == (classPvr & 0xF) < 2;
        }
        return true;
    }
}
