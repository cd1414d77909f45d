using Tern.Platforms;
using Tern.Predict;

namespace Tern.Targets;

/// <summary>
/// What one target architecture adds to the engine, in one place (as libvirt keeps one driver table per
/// architecture): the rules its post_load hooks apply, how a source's stream differs from its template, and how
/// templates are chosen. The engine (Simulator, Loader, Predictor) calls these and knows no architecture itself.
/// </summary>
public interface ITarget
{
    /// <summary>The architecture this target is.</summary>
    Architecture Architecture { get; }

    /// <summary>
    /// The findings of the target's own post_load hooks for one section whose fields and subsections loaded
    /// (<paramref name="local"/> is the destination's own section of the same idstr and instance).
    /// </summary>
    IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages);

    /// <summary>Tern's own checks beyond QEMU's once the whole stream has loaded (changes the guest sees that QEMU does not report).</summary>
    IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming);

    /// <summary>A template's device sections edited to what <paramref name="host"/> sends (<paramref name="template"/> is the template's own configuration).</summary>
    List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes);

    /// <summary>
    /// True when a CPU model's state cannot be edited into a template (ARM: the cpreg list is the model's own), so a
    /// template must come from the same CPU model with the same properties.
    /// </summary>
    bool TemplateNeedsSameCpuModel { get; }

    /// <summary>
    /// How much a template of the same machine type weighs when one is chosen (against 100 for the same CPU model): what
    /// a machine type sends that cannot be edited in.
    /// </summary>
    int SameMachineTypeWeight { get; }
}
