using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// Which compat modes a CPU class supports: target/ppc/compat.c <c>pcc_compat</c>. The mode's PCR level must be in
/// the class's <c>pcr_supported</c>; from QEMU 9.2 (commit ac0fbbb2d0, POWER11 series) its logical PVR must also not exceed the class's
/// <c>spapr_logical_pvr</c> as a number, which rejects power7+ (0x0F100003) on POWER8 and later.
/// </summary>
public static class PpcCompatRules
{
    /// <summary>True when a CPU of <paramref name="family"/> accepts <paramref name="mode"/> in QEMU <paramref name="version"/>.</summary>
    public static bool Supports(QemuVersion version, PpcCpuFamily family, CompatMode mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (version < mode.Since) return false;
        var levels = family switch
        {
            PpcCpuFamily.Power7 => new[] { "2_06", "2_05" },
            PpcCpuFamily.Power8 => ["2_07", "2_06", "2_05"],
            PpcCpuFamily.Power9 => ["3_00", "2_07", "2_06", "2_05"],
            PpcCpuFamily.Power10 or PpcCpuFamily.Power11 => ["3_10", "3_00", "2_07", "2_06", "2_05"],
            _ => [],
        };
        if (!levels.Contains(mode.PcrLevel)) return false;
        if (QemuChanges.In(version, "ppc.compat-logical-pvr-numeric-check") && mode.LogicalPvr > LogicalPvrOf(family)) return false;
        return true;
    }

    /// <summary>The class's <c>spapr_logical_pvr</c> (9.2+).</summary>
    public static uint LogicalPvrOf(PpcCpuFamily family) => family switch
    {
        PpcCpuFamily.Power7 => 0x0F100003,
        PpcCpuFamily.Power8 => 0x0F000004,
        PpcCpuFamily.Power9 => 0x0F000005,
        PpcCpuFamily.Power10 => 0x0F000006,
        PpcCpuFamily.Power11 => 0x0F000007,
        _ => 0,
    };

    /// <summary>
    /// <c>ppc_type_check_compat(cpu, compat, 0, max_compat)</c>: true when the CPU can run in a mode at least as
    /// new as <paramref name="mode"/> given the machine's <c>max-cpu-compat</c> (null = unbounded).
    /// </summary>
    public static bool CanReach(QemuVersion version, PpcCpuFamily family, CompatMode mode, CompatMode? maxCompat)
    {
        ArgumentNullException.ThrowIfNull(mode);
        if (maxCompat is not null && mode.Order > maxCompat.Order) return false;
        return Supports(version, family, mode);
    }
}
