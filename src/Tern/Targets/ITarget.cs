using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Targets;

/// <summary>
/// What one target architecture adds to the engine, in one place (as libvirt keeps one driver table per
/// architecture): which machine types are its own, what it resolves at start-up, the rules its post_load hooks apply,
/// how a source's stream differs from its template, and how templates are chosen. The engine (HostResolver,
/// Simulator, Loader, Predictor, DestinationCatalog) calls these and knows no architecture itself.
/// </summary>
public interface ITarget
{
    /// <summary>The architecture this target is.</summary>
    Architecture Architecture { get; }

    /// <summary>The machine type family users name (<c>pseries</c>, <c>virt</c>), as messages about machine types say it.</summary>
    string MachineFamily { get; }

    /// <summary>The QEMU binary that runs this target (<c>qemu-system-ppc64</c>), the prefix of its messages.</summary>
    string Binary { get; }

    /// <summary>True when <paramref name="machine"/> (an alias or a versioned type) is one of this target's machine types: how a host spec finds its target.</summary>
    bool OwnsMachine(string machine);

    /// <summary>The accelerator QEMU ends up with once the host's facts are known (KVM on POWER is KVM-HV or KVM-PR, which cap and PVR rules tell apart).</summary>
    Accelerator ResolveAccelerator(HostSpec spec);

    /// <summary>
    /// <paramref name="host"/> (machine type, CPU model and accelerator resolved) with what the target resolves at
    /// start-up on top (POWER: PVR, compat mode, spapr caps); what QEMU would refuse goes to <paramref name="findings"/>.
    /// </summary>
    ResolvedHost ResolveFacts(ResolvedHost host, MigrationEnd side, List<Finding> findings);

    /// <summary>
    /// The findings of the target's own post_load hooks for one section whose fields and subsections loaded
    /// (<paramref name="local"/> is the destination's own section of the same idstr and instance).
    /// </summary>
    IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages);

    /// <summary>Tern's own checks beyond QEMU's once the whole stream has loaded (changes the guest sees that QEMU does not report).</summary>
    IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming);

    /// <summary>
    /// Subsections a destination of <paramref name="version"/> loads that neither a template nor a -dump-vmstate may
    /// show (sent only in some states, or machine and CPU state): without them a destination would refuse them wrongly.
    /// </summary>
    IEnumerable<(string Name, uint Version)> RarelySentSubsections(QemuVersion version);

    /// <summary>What to tell a user whose source sends <paramref name="subsection"/> that the destination does not know, or null.</summary>
    string? SubsectionRemedy(string subsection);

    /// <summary>What to tell a user whose source sends a value of <paramref name="field"/> above the destination's bound, or null.</summary>
    string? FieldBoundRemedy(string field);

    /// <summary>A template's device sections edited to what <paramref name="host"/> sends (<paramref name="template"/> is the template's own configuration).</summary>
    List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes);

    /// <summary>The RAM block of the guest's main memory, whose length a source's <c>-m</c> sets.</summary>
    string MainRamBlock { get; }

    /// <summary>
    /// A minimal state for a QEMU version no real stream exists of, only the sections the target's rules read (its
    /// source edits still apply), or null when even the hand-entered facts are missing.
    /// </summary>
    StreamModel? SyntheticState(ResolvedHost host);

    /// <summary>Why a configuration of this target without a template of its own cannot borrow one, as the verdict says it.</summary>
    string NoTemplateReason { get; }

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

    /// <summary>
    /// What else makes a template (resolved as <paramref name="template"/>) closer to <paramref name="host"/> when one is
    /// chosen, on the same scale (POWER: the same CPU family, the same compat mode, no caps on its command line).
    /// </summary>
    int TemplateAffinity(ResolvedHost template, ResolvedHost host);

    /// <summary>
    /// The guest compat modes (<c>max-cpu-compat</c> values) a QEMU of at least <paramref name="oldest"/> supports,
    /// newest first: what a baseline or a suggestion may try. Empty for a target without compat modes.
    /// </summary>
    IReadOnlyList<string> CompatModes(QemuVersion oldest);

    /// <summary>
    /// What the guest sees change, besides its CPU model, when its machine type moves from <paramref name="from"/> to
    /// <paramref name="to"/> on QEMU <paramref name="version"/>, properties in <paramref name="explicitProperties"/>
    /// excepted (POWER: the spapr capabilities whose default level differs).
    /// </summary>
    IEnumerable<string> MachineTypeChangeEffects(QemuVersion version, string from, string to, IReadOnlyDictionary<string, string> explicitProperties);

    /// <summary>Whether <c>tern profile</c> samples a stream of <paramref name="model"/> (POWER: the server CPUs pseries runs; elsewhere every model, a refusal being data too).</summary>
    bool ProfilesCpuModel(ProfileCpuModel model);

    /// <summary>True when <c>-cpu help</c> says more about the CPU models than QMP's query-cpu-definitions (POWER: PVRs and aliases), so the profiler runs it.</summary>
    bool CpuHelpAddsFacts { get; }

    /// <summary><paramref name="models"/> with what <paramref name="cpuHelp"/> (the lines of <c>-cpu help</c>) adds.</summary>
    IReadOnlyList<ProfileCpuModel> WithCpuHelp(IReadOnlyList<ProfileCpuModel> models, IEnumerable<string> cpuHelp);

    /// <summary>The prefix of the machine properties a profile sample records with <c>qom-get</c> (POWER: <c>cap-</c>, the spapr caps), or null for none.</summary>
    string? SampledMachinePropertyPrefix { get; }

    /// <summary>The <c>-machine</c> property that sets the guest's compat mode (POWER: <c>max-cpu-compat</c>), or null for a target without compat modes.</summary>
    string? CompatModeProperty { get; }

    /// <summary>
    /// The machine properties a baseline or a suggestion may set to another value when a finding names them (POWER:
    /// the spapr caps, with the levels their kind accepts); empty for a target without such properties.
    /// </summary>
    IReadOnlyList<TunableProperty> TunableProperties { get; }
}
