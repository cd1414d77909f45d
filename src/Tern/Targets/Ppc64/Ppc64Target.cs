using Tern.Platforms;
using Tern.Predict;

namespace Tern.Targets.Ppc64;

/// <summary>
/// pseries on POWER: cpu_post_load's compat and PVR checks (target/ppc/machine.c), the spapr caps' pre_load and
/// post_migration (hw/ppc/spapr_caps.c), and the source edits for XIVE, PVR, compat, BHRB and caps.
/// </summary>
internal sealed class Ppc64Target : ITarget
{
    public Architecture Architecture => Architecture.Ppc64;

    public IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages) => incoming.IdStr switch
    {
        "cpu" => PpcCpuLoad.Check(incoming, destination, messages),
        "spapr" => SpaprCapsLoad.Check(incoming, destination, messages),
        _ => [],
    };

    public IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming) =>
        SpaprSilentCapChange.Check(source, destination, incoming);

    public List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes) =>
        PpcSourceEdits.Edit(devices, host, template, notes);

    // The CPU model is edited in (PVR, compat, XIVE, BHRB); what a machine type sends is not (e.g. 11.1 sends
    // cpu/rtas_stopped on pseries-11.1 but not on pseries-7.2), so the machine type weighs more than the CPU.
    public bool TemplateNeedsSameCpuModel => false;

    public int SameMachineTypeWeight => 120;
}
