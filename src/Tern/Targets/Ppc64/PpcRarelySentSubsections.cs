using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// POWER subsections QEMU registers but sends only in some states, so that no template may show them (hand-entered
/// from target/ppc/machine.c, hw/ppc/spapr_caps.c and hw/ppc/spapr.c); a -dump-vmstate has none of them (machine and
/// CPU state are not device classes).
/// </summary>
internal static class PpcRarelySentSubsections
{
    /// <summary>Each such subsection a destination of <paramref name="version"/> loads, with its version.</summary>
    public static IEnumerable<(string Name, uint Version)> Of(QemuVersion version)
    {
        // target/ppc/machine.c vmstate_ppc_cpu subsections that are sent only in some states.
        if (QemuChanges.In(version, "ppc.cpu-compat-subsection")) yield return ("cpu/compat", 1);
        yield return ("cpu/tm", 1);
        yield return ("cpu/sr", 1);
        if (QemuChanges.In(version, "ppc.cpu-bhrb-subsection")) yield return ("cpu/bhrb", 1);
        // hw/ppc/spapr_caps.c: one subsection per cap from the version that migrates it.
        foreach (var cap in SpaprCaps.All)
            if (version >= cap.MigratedSince) yield return (cap.Subsection, 1);
        // hw/ppc/spapr.c vmstate_spapr subsections.
        yield return ("spapr_patb_entry", 1);
        yield return ("spapr_pending_events", 1);
    }
}
