using Tern.Platforms;
using Tern.Predict;

namespace Tern.Targets.Aarch64;

/// <summary>virt on ARM: cpu_post_load's cpreg checks (target/arm/machine.c); a source is its template unedited.</summary>
internal sealed class Aarch64Target : ITarget
{
    public Architecture Architecture => Architecture.Aarch64;

    public IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages) =>
        incoming.IdStr == "cpu" ? ArmCpuLoad.Check(incoming, local, destination, messages) : [];

    public IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming) => [];

    public List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes) => devices;

    // The cpreg list and values are the CPU model's own (and its properties'): nothing of them is edited in.
    public bool TemplateNeedsSameCpuModel => true;

    public int SameMachineTypeWeight => 20;
}
