using Tern.Platforms.Machines;

namespace Tern.Platforms.Ppc;

/// <summary>
/// The spapr capability framework as rules: the cap table, per-machine-version class defaults, the CPU clamp,
/// which caps the source sends, and what the destination checks (hw/ppc/spapr_caps.c; hw/ppc/spapr.c class options).
/// </summary>
public static class SpaprCaps
{
    /// <summary>All caps, indexed by id (hw/ppc/spapr_caps.c <c>capability_table</c>, include/hw/ppc/spapr.h SPAPR_CAP_*).</summary>
    public static readonly IReadOnlyList<SpaprCap> All =
    [
        new(0x00, "htm", "spapr/cap/htm", SpaprCapKind.Bool, new(2, 11, 1), new(2, 11, 1)),
        new(0x01, "vsx", "spapr/cap/vsx", SpaprCapKind.Bool, new(2, 12, 0), new(2, 12, 0)),
        new(0x02, "dfp", "spapr/cap/dfp", SpaprCapKind.Bool, new(2, 12, 0), new(2, 12, 0)),
        new(0x03, "cfpc", "spapr/cap/cfpc", SpaprCapKind.Tristate, new(2, 11, 1), new(2, 11, 1)),
        new(0x04, "sbbc", "spapr/cap/sbbc", SpaprCapKind.Tristate, new(2, 11, 1), new(2, 11, 1)),
        new(0x05, "ibs", "spapr/cap/ibs", SpaprCapKind.Ibs, new(2, 11, 1), new(2, 11, 1)),
        // hpt-max-page-size exists from 3.0 but its subsection only from 4.1 (commit 0b8c89be).
        new(0x06, "hpt-max-page-size", "spapr/cap/hpt_maxpagesize", SpaprCapKind.PageSize, new(3, 0, 0), new(4, 1, 0)),
        new(0x07, "nested-hv", "spapr/cap/nested_kvm_hv", SpaprCapKind.Bool, new(3, 1, 0), new(3, 1, 0)),
        new(0x08, "large-decr", "spapr/cap/large_decr", SpaprCapKind.Bool, new(4, 0, 0), new(4, 0, 0)),
        new(0x09, "ccf-assist", "spapr/cap/ccf_assist", SpaprCapKind.Bool, new(4, 0, 0), new(4, 0, 0)),
        new(0x0A, "fwnmi", "spapr/cap/fwnmi", SpaprCapKind.Bool, new(5, 0, 0), new(5, 0, 0)),
        new(0x0B, "rpt-invalidate", "spapr/cap/rpt_invalidate", SpaprCapKind.Bool, new(6, 1, 0), new(6, 1, 0)),
        // ail-mode-3 arrived in 8.1 (commit ccc5a4c5e1; real 7.2 has no such property) and had no subsection until
        // "spapr: Migrate ail-mode-3 spapr cap" (commit 1a7a31aec4, 9.1).
        new(0x0C, "ail-mode-3", "spapr/cap/ail_mode_3", SpaprCapKind.Bool, new(8, 1, 0), new(9, 1, 0)),
        new(0x0D, "nested-papr", "spapr/cap/nested_papr", SpaprCapKind.Bool, new(9, 0, 0), new(9, 0, 0)),
        new(0x0E, "dawr1", "spapr/cap/dawr1", SpaprCapKind.Bool, new(10, 0, 0), new(10, 0, 0)),
    ];

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
    public static int[] ClassDefaults(MachineType machine)
    {
        // Newest: htm off, vsx/dfp on, cfpc/sbbc/ibs workaround, hpt 64K, nested-hv off, large-decr on,
        // ccf-assist on, fwnmi on, rpt-invalidate off, ail-mode-3 on, nested-papr off, dawr1 on.
        int[] caps = [0, 1, 1, 1, 1, 1, 16, 0, 1, 1, 1, 0, 1, 0, 1];
        if (machine.AtMost(4, 2)) { caps[0x09] = 0; caps[0x0A] = 0; }             // pseries-4.2: ccf-assist, fwnmi off
        if (machine.AtMost(3, 1)) { caps[0x03] = 0; caps[0x04] = 0; caps[0x05] = 0; caps[0x08] = 0; } // pseries-3.1: cfpc/sbbc/ibs broken, large-decr off
        if (machine.AtMost(2, 12))
        {
            caps[0x06] = -1;                                                            // pseries-2.12: hpt-max-page-size computed
            if (machine.Suffix == "sxxm") { caps[0x03] = 1; caps[0x04] = 1; caps[0x05] = 3; } // pseries-2.12-sxxm
        }
        if (machine.AtMost(2, 11)) caps[0x00] = 1;                                      // pseries-2.11: htm on
        return caps;
    }

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
        if (version.AtLeast(10, 0) && !Compat("power10")) caps[0x0E] = 0;                // dawr1
        if (!Compat("power9")) caps[0x08] = 0;                                          // large-decr
        if (!Compat("power8"))
        {
            caps[0x00] = 0;                                                             // htm
            caps[0x03] = 0;                                                             // cfpc
            if (version.AtLeast(8, 1)) caps[0x0C] = 0;                                  // ail-mode-3
        }
        if (!Compat("power7+")) caps[0x04] = 0;                                         // sbbc (10.0+: POWER8+ fail the numeric check)
        if (!Compat("power7")) { caps[0x01] = 0; caps[0x02] = 0; caps[0x05] = 0; }      // vsx, dfp, ibs
        if (caps[0x06] == -1) caps[0x06] = accel == Accelerator.KvmHv ? hptShiftForKvmHv ?? 16 : 34;
        return caps;
    }

    /// <summary>
    /// Whether the source sends a cap's subsection (the cap's <c>needed</c>): only when set on the command line to a
    /// value other than the default; and hpt-max-page-size from QEMU 4.1 always for pseries-4.1+ and never for older
    /// machines (<c>pre_4_1_migration</c>: the cap's own needed function), until 10.2.0 (commit 07718fe660).
    /// </summary>
    public static bool Sent(QemuVersion version, MachineType machine, SpaprCap cap, int effective, int @default, bool onCommandLine)
    {
        ArgumentNullException.ThrowIfNull(cap);
        if (version < cap.MigratedSince) return false;
        if (cap.Id == 0x06 && version.AtLeast(4, 1) && !version.AtLeast(10, 2)) return machine.AtLeast(4, 1); // until 10.2.0 (07718fe660)
        return onCommandLine && effective != @default;
    }
}
