using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// A POWER compatibility mode (target/ppc/compat.c <c>compat_table</c>, oldest first): its name, the logical
/// (architected) PVR the guest sees, and the PCR level it needs from the CPU.
/// </summary>
/// <param name="Name">The name used by <c>max-cpu-compat</c>, e.g. <c>power8</c>.</param>
/// <param name="LogicalPvr">CPU_POWERPC_LOGICAL_*.</param>
/// <param name="PcrLevel">The PCR compat level, e.g. "2_07".</param>
/// <param name="Order">Position in the table (range checks compare positions).</param>
/// <param name="Since">First QEMU version that knows the mode.</param>
public sealed record CompatMode(string Name, uint LogicalPvr, string PcrLevel, int Order, QemuVersion Since)
{
    /// <summary>The table, oldest first (Platforms/Data/qemu-changes.json).</summary>
    public static IReadOnlyList<CompatMode> All => PowerChanges.CompatModes;

    /// <summary>Finds a mode by name (case-insensitive, as QEMU's <c>ppc_compat_prop_set</c>), or null.</summary>
    public static CompatMode? ByName(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Finds a mode by logical PVR, or null.</summary>
    public static CompatMode? ByPvr(uint pvr) => All.FirstOrDefault(m => m.LogicalPvr == pvr);
}
