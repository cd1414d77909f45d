using Tern.Decode;
using Tern.Platforms;
using Tern.Predict;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Targets.Ppc64;

/// <summary>
/// How a pseries source's stream differs from its template's: the XIVE sections (hw/ppc/spapr_irq.c spapr_irq_check),
/// the CPU's PVR, cpu/compat and cpu/bhrb (target/ppc/machine.c), and the spapr cap subsections sent
/// (hw/ppc/spapr_caps.c spapr_cap_*_needed), in QEMU's order.
/// </summary>
internal static class PpcSourceEdits
{
    /// <summary>The template's POWER sections edited to what this configuration sends: XIVE, PVR, compat, BHRB, caps.</summary>
    public static List<DeviceSection> Edit(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes)
    {
        var v = host.Version;
        // hw/ppc/spapr_irq.c spapr_irq_check: without POWER9 mode (CPU or max-cpu-compat) the dual-mode machine is XICS only.
        var xive = PpcCompatRules.CanReach(v, host.Power().Family, CompatMode.ByName("power9")!, host.Power().MaxCompat);
        if (!xive) devices.RemoveAll(d => d.IdStr is "xive-source" or "spapr-xive" or "xive-tctx");
        else if (!devices.Any(d => d.IdStr == "xive-source") && QemuChanges.In(host.MachineType, "spapr.xive"))
            notes.Add("the template has no XIVE sections although this configuration would send them");
        for (var i = 0; i < devices.Count; i++)
        {
            var d = devices[i];
            if (d.IdStr == "cpu") devices[i] = d with { Body = EditCpu(d.Body, host, template, notes) };
            else if (d.IdStr == "spapr") devices[i] = d with { Body = EditCaps(d.Body, host) };
        }
        return devices;
    }

    private static VmsdValue EditCpu(VmsdValue cpu, ResolvedHost host, ResolvedHost template, List<string> notes)
    {
        // SPR_PVR is env.spr[0x11F] (target/ppc/cpu.h); the source sends its CPU class PVR.
        if ((cpu.Integer("env.spr", 0x11F) ?? 0) != host.Power().Pvr) cpu = cpu.WithInteger("env.spr", 0x11F, host.Power().Pvr);
        // target/ppc/machine.c vmstate_compat: sent when compat_pvr != 0 (pre_2_10_migration machines never, until 9.2).
        var sendCompat = host.Power().MaxCompat is not null && (QemuChanges.In(host.Version, "ppc.cpu-compat-sent-for-old-machines") || QemuChanges.In(host.MachineType, "ppc.cpu-compat-sent"));
        if (!sendCompat) cpu = cpu.WithoutSubsections(n => n == "cpu/compat");
        else
        {
            var compat = VmsdField.Described("compat_pvr", "uint32", 4, null, null, null);
            var raw = new byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(raw, host.Power().MaxCompat!.LogicalPvr);
            var body = new VmsdValue("cpu/compat", 1, [new FieldValue("compat_pvr", compat, null, FieldKind.Integer, raw, null)], []);
            var at = cpu.Subsections.ToList().FindIndex(s => s.Name is "cpu/reservation" or "cpu/rtas_stopped" or "cpu/bhrb");
            cpu = cpu.WithSubsection(new SubsectionValue("cpu/compat", 1, body), at < 0 ? cpu.Subsections.Count : at);
        }
        // cpu/bhrb (9.1+) is needed only for CPUs with the BHRB facility: POWER10 and POWER11.
        if (host.Power().Family is not (PpcCpuFamily.Power10 or PpcCpuFamily.Power11)) cpu = cpu.WithoutSubsections(n => n == "cpu/bhrb");
        else if (QemuChanges.In(host.Version, "ppc.cpu-bhrb-subsection") && cpu.Subsection("cpu/bhrb") is null) notes.Add("the template has no cpu/bhrb although a POWER10/11 CPU sends it");
        return cpu;
    }

    private static VmsdValue EditCaps(VmsdValue spapr, ResolvedHost host)
    {
        var existing = spapr.Subsections.ToList();
        spapr = spapr.WithoutSubsections(n => n.StartsWith("spapr/cap/", StringComparison.Ordinal));
        foreach (var cap in SpaprCaps.All)
        {
            if (!SpaprCaps.Exists(host.Version, cap)) continue;
            if (!SpaprCaps.Sent(host.Version, host.MachineType, cap, host.Power().CapEffective[cap.Id], host.Power().CapDefaults[cap.Id], host.Power().CapOnCommandLine[cap.Id])) continue;
            var desc = VmsdField.Described($"mig.caps[0x{cap.Id:x2}]", "uint8", 1, null, null, null);
            var body = new VmsdValue(cap.Subsection, 1, [new FieldValue(desc.Name, desc, null, FieldKind.Integer, new[] { (byte)host.Power().CapEffective[cap.Id] }, null)], []);
            spapr = spapr.WithSubsection(new SubsectionValue(cap.Subsection, existing.FirstOrDefault(s => s.Name == cap.Subsection)?.Version ?? 1, body), SpaprSubsectionPosition(spapr, cap.Subsection));
        }
        return spapr;
    }


    private static int IndexOf(string subsection)
    {
        var order = PowerChanges.SpaprSubsectionOrder;
        for (var i = 0; i < order.Count; i++)
            if (order[i] == subsection) return i;
        return -1;
    }

    // Before the first subsection that comes later in QEMU's order (qemu-changes.json spaprSubsectionOrder); after the rest.
    private static int SpaprSubsectionPosition(VmsdValue spapr, string subsection)
    {
        var rank = IndexOf(subsection);
        for (var i = 0; i < spapr.Subsections.Count; i++)
            if (IndexOf(spapr.Subsections[i].Name) > rank) return i;
        return spapr.Subsections.Count;
    }
}
