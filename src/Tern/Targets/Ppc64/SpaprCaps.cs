using Tern.Platforms.Machines;

using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// The spapr capability framework as rules: the cap table, per-machine-version class defaults, the CPU clamp,
/// which caps the source sends, and what the destination checks (hw/ppc/spapr_caps.c; hw/ppc/spapr.c class options).
/// </summary>
public static class SpaprCaps
{
    /// <summary>All caps, indexed by id (hw/ppc/spapr_caps.c <c>capability_table</c>, include/hw/ppc/spapr.h SPAPR_CAP_*; Platforms/Data/qemu-changes.json).</summary>
    public static IReadOnlyList<SpaprCap> All => PowerChanges.SpaprCaps;

    /// <summary>The cap with this property (<c>cap-htm</c>) or name (<c>htm</c>), or null.</summary>
    public static SpaprCap? ByName(string name) =>
        All.FirstOrDefault(c => c.Property == name || c.Name == name);

    /// <summary>The cap migrated in this subsection, or null.</summary>
    public static SpaprCap? BySubsection(string subsection) => All.FirstOrDefault(c => c.Subsection == subsection);

    /// <summary>True when QEMU <paramref name="version"/> has the cap.</summary>
    public static bool Exists(QemuVersion version, SpaprCap cap) => version >= cap.Since;

    /// <summary>
    /// Class defaults before the CPU clamp (hw/ppc/spapr.c: the base class sets every cap, each
    /// <c>spapr_machine_X_Y_class_options</c> overrides for older machines). −1 = computed at init (hpt, ≤2.12).
    /// </summary>
    public static int[] ClassDefaults(MachineType machine) => PowerChanges.SpaprClassDefaults(machine);

    /// <summary>
    /// <c>default_caps_with_cpu</c>: the machine's defaults after the CPU clamp, for a CPU family with the machine's
    /// <c>max-cpu-compat</c> (null = unbounded), in QEMU <paramref name="version"/>. <paramref name="hptShiftForKvmHv"/>
    /// is the host RAM page shift when KVM-HV computes hpt-max-page-size for pseries-2.12 and older.
    /// </summary>
    public static int[] Defaults(QemuVersion version, MachineType machine, PpcCpuFamily family, CompatMode? maxCompat,
        Accelerator accel, int? hptShiftForKvmHv = null)
    {
        var caps = ClassDefaults(machine);
        bool Compat(string mode) => PpcCompatRules.CanReach(version, family, CompatMode.ByName(mode)!, maxCompat);
        if (QemuChanges.In(version, "spapr.dawr1-cpu-clamp") && !Compat("power10")) caps[0x0E] = 0;                // dawr1
        if (!Compat("power9")) caps[0x08] = 0;                                          // large-decr
        if (!Compat("power8"))
        {
            caps[0x00] = 0;                                                             // htm
            caps[0x03] = 0;                                                             // cfpc
            if (QemuChanges.In(version, "spapr.ail-mode-3-cpu-clamp")) caps[0x0C] = 0;                                  // ail-mode-3
        }
        if (!Compat("power7+")) caps[0x04] = 0;                                         // sbbc (10.0+: POWER8+ fail the numeric check)
        if (!Compat("power7")) { caps[0x01] = 0; caps[0x02] = 0; caps[0x05] = 0; }      // vsx, dfp, ibs
        if (caps[0x06] == -1) caps[0x06] = accel == Accelerator.KvmHv ? hptShiftForKvmHv ?? 16 : 34;
        return caps;
    }

    /// <summary>
    /// Whether the source sends a cap's subsection (the cap's <c>needed</c>): only when set on the command line to a
    /// value other than the default; and hpt-max-page-size from QEMU 4.1 always for pseries-4.1+ and never for older
    /// machines (<c>pre_4_1_migration</c>: the cap's own needed function), in the releases qemu-changes.json names.
    /// </summary>
    public static bool Sent(QemuVersion version, MachineType machine, SpaprCap cap, int effective, int @default, bool onCommandLine)
    {
        ArgumentNullException.ThrowIfNull(cap);
        if (version < cap.MigratedSince) return false;
        if (cap.Id == 0x06 && QemuChanges.In(version, "spapr.hpt-max-page-size-always-sent")) return QemuChanges.In(machine, "spapr.hpt-max-page-size-sent");
        return onCommandLine && effective != @default;
    }
}
