using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Targets.Aarch64;

/// <summary>virt on ARM: cpu_post_load's cpreg checks (target/arm/machine.c); a source is its template unedited.</summary>
internal sealed class Aarch64Target : ITarget
{
    /// <summary>hw/arm/virt.c: the guest's memory region.</summary>
    internal const string MainRam = "mach-virt.ram";

    public Architecture Architecture => Architecture.Aarch64;

    public string MachineFamily => Architecture.MachineFamily();

    public string Binary { get; } = "qemu-system-" + Architecture.Aarch64.Name();

    public bool OwnsMachine(string machine) => machine == "virt" || machine.StartsWith("virt-", StringComparison.Ordinal);

    public Accelerator ResolveAccelerator(HostSpec spec) => spec.Accelerator;

    // Nothing beyond the machine type and CPU model: the cpreg list is the CPU model's own.
    public ResolvedHost ResolveFacts(ResolvedHost host, MigrationEnd side, List<Finding> findings) => host;

    public IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages) =>
        incoming.IdStr == "cpu" ? ArmCpuLoad.Check(incoming, local, destination, messages) : [];

    public IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming) => [];

    public IEnumerable<(string Name, uint Version)> RarelySentSubsections(QemuVersion version) => [];

    public string? SubsectionRemedy(string subsection) => null;

    // target/arm/machine.c: VMSTATE_INT32_POSITIVE_LE(cpreg_vmstate_array_len) bounds the list by the destination's own.
    public string? FieldBoundRemedy(string field) => field == "cpreg_vmstate_array_len"
        ? "the source CPU has more coprocessor registers than the destination knows: use a destination QEMU at least as new, and the same named CPU model"
        : null;

    public List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes) => devices;

    public string MainRamBlock => MainRam;

    public StreamModel? SyntheticState(ResolvedHost host) => ArmSyntheticState.For(host);

    public string NoTemplateReason => "the ARM register list depends on the CPU model";

    // The cpreg list and values are the CPU model's own (and its properties'): nothing of them is edited in.
    public bool TemplateNeedsSameCpuModel => true;

    public int SameMachineTypeWeight => 20;

    // Nothing beyond the CPU model (which must be the same) and the machine type sets a virt template apart.
    public int TemplateAffinity(ResolvedHost template, ResolvedHost host) => 0;

    // An ARM guest has no compat mode: its CPU model is what it sees.
    public IReadOnlyList<string> CompatModes(QemuVersion oldest) => [];

    // No virt machine property Tern models changes default with the machine type.
    public IEnumerable<string> MachineTypeChangeEffects(QemuVersion version, string from, string to, IReadOnlyDictionary<string, string> explicitProperties) => [];

    // virt refuses the models it cannot run, and that refusal is data too.
    public bool ProfilesCpuModel(ProfileCpuModel model) => true;

    // target/arm prints only names, which query-cpu-definitions already gave.
    public bool CpuHelpAddsFacts => false;

    public IReadOnlyList<ProfileCpuModel> WithCpuHelp(IReadOnlyList<ProfileCpuModel> models, IEnumerable<string> cpuHelp) => models;

    public string? SampledMachinePropertyPrefix => null;

    public string? CompatModeProperty => null;

    public IReadOnlyList<TunableProperty> TunableProperties { get; } = [];
}
