using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Predict;

namespace Tern.Targets.Ppc64;

/// <summary>
/// pseries on POWER: the PVR, compat-mode and spapr cap resolution at start-up (target/ppc/compat.c,
/// hw/ppc/spapr_caps.c), cpu_post_load's compat and PVR checks (target/ppc/machine.c), the spapr caps' pre_load and
/// post_migration, and the source edits for XIVE, PVR, compat, BHRB and caps.
/// </summary>
internal sealed class Ppc64Target : ITarget
{
    /// <summary>hw/ppc/spapr.c: the guest's memory region.</summary>
    internal const string MainRam = "ppc_spapr.ram";

    public Architecture Architecture => Architecture.Ppc64;

    public string MachineFamily => Architecture.MachineFamily();

    public string Binary { get; } = "qemu-system-" + Architecture.Ppc64.Name();

    public bool OwnsMachine(string machine) => machine == "pseries" || machine.StartsWith("pseries-", StringComparison.Ordinal);

    // kvm_ppc: one KVM API, two kernel modules (kvm_hv on bare metal, kvm_pr in a guest), with different caps and PVR rules.
    public Accelerator ResolveAccelerator(HostSpec spec) => spec.Accelerator == Accelerator.Kvm
        ? spec.HostFacts.GetValueOrDefault("kvm") switch { "pr" => Accelerator.KvmPr, "hv" => Accelerator.KvmHv, _ => Accelerator.Kvm }
        : spec.Accelerator;

    public ResolvedHost ResolveFacts(ResolvedHost host, MigrationEnd side, List<Finding> findings) => PpcHostResolution.Resolve(host, side, findings);

    public IEnumerable<Finding> SectionLoaded(DeviceSection incoming, DeviceSection local, ResolvedHost destination, QemuMessages messages) => incoming.IdStr switch
    {
        "cpu" => PpcCpuLoad.Check(incoming, local.Version, destination, messages),
        "spapr" => SpaprCapsLoad.Check(incoming, local.Version, destination, messages),
        _ => [],
    };

    public IEnumerable<Finding> StreamLoaded(ResolvedHost source, ResolvedHost destination, StreamModel incoming) =>
        SpaprSilentCapChange.Check(source, destination, incoming);

    public IEnumerable<(string Name, uint Version)> RarelySentSubsections(QemuVersion version) => PpcRarelySentSubsections.Of(version);

    public string? SubsectionRemedy(string subsection) => subsection switch
    {
        _ when subsection.StartsWith("spapr/cap/", StringComparison.Ordinal) => $"the source sets {subsection["spapr/cap/".Length..]} to a non-default level that this QEMU cannot receive: leave the cap at its default on the source",
        "cpu/bhrb" => "POWER10/11 CPUs send cpu/bhrb from QEMU 9.1 on: use a destination QEMU ≥ 9.1, or a POWER9 CPU model on both ends",
        "cpu/compat" => "the guest runs in a compat mode the destination QEMU cannot receive: start the source without max-cpu-compat",
        _ => null,
    };

    public string? FieldBoundRemedy(string field) => null;

    public List<DeviceSection> EditSource(List<DeviceSection> devices, ResolvedHost host, ResolvedHost template, List<string> notes) =>
        PpcSourceEdits.Edit(devices, host, template, notes);

    public string MainRamBlock => MainRam;

    public StreamModel? SyntheticState(ResolvedHost host) => PpcSyntheticState.For(host);

    public string NoTemplateReason => "no template for this target";

    // The CPU model is edited in (PVR, compat, XIVE, BHRB); what a machine type sends is not (e.g. 11.1 sends
    // cpu/rtas_stopped on pseries-11.1 but not on pseries-7.2), so the machine type weighs more than the CPU.
    public bool TemplateNeedsSameCpuModel => false;

    public int SameMachineTypeWeight => 120;

    // Another CPU of the same family has the closest state to edit; the same compat mode needs no cpu/compat edit; a
    // template without caps on its command line sends only the default cap subsections.
    public int TemplateAffinity(ResolvedHost template, ResolvedHost host)
    {
        var score = 0;
        if (template.Cpu != host.Cpu && template.Power().Family == host.Power().Family) score += 40;
        if ((template.Power().MaxCompat is null) == (host.Power().MaxCompat is null)) score += 10;
        if (template.Power().MaxCompat == host.Power().MaxCompat) score += 5;
        if (!template.Spec.MachineProperties.Keys.Any(k => k.StartsWith("cap-", StringComparison.Ordinal))) score += 2;
        return score;
    }

    // hw/ppc/spapr.c max-cpu-compat: the modes QemuChanges lists with the release that added each.
    public IReadOnlyList<string> CompatModes(QemuVersion oldest) =>
        [.. PowerChanges.CompatModes.Where(m => m.Since <= oldest).Reverse().Select(m => m.Name)];

    // Each machine class sets its own cap defaults (hw/ppc/spapr.c spapr_machine_*_class_options).
    public IEnumerable<string> MachineTypeChangeEffects(QemuVersion version, string from, string to, IReadOnlyDictionary<string, string> explicitProperties)
    {
        if (MachineType.TryParse(from) is not { } before || MachineType.TryParse(to) is not { } after) yield break;
        var was = SpaprCaps.ClassDefaults(before);
        var becomes = SpaprCaps.ClassDefaults(after);
        foreach (var cap in SpaprCaps.All.Where(x => SpaprCaps.Exists(version, x) && !explicitProperties.ContainsKey(x.Property)))
            if (was[cap.Id] != becomes[cap.Id])
                yield return $"{cap.Property} default level {SpaprCap.LevelText(was[cap.Id])} → {SpaprCap.LevelText(becomes[cap.Id])}";
    }

    public bool ProfilesCpuModel(ProfileCpuModel model) => PpcProfiling.IsSampled(model);

    public bool CpuHelpAddsFacts => true;

    public IReadOnlyList<ProfileCpuModel> WithCpuHelp(IReadOnlyList<ProfileCpuModel> models, IEnumerable<string> cpuHelp) =>
        PpcProfiling.WithCpuHelp(models, cpuHelp);

    public string? SampledMachinePropertyPrefix => PpcProfiling.CapPropertyPrefix;

    // hw/ppc/spapr.c: the machine property spapr_machine_reset hands to ppc_set_compat_all.
    public string? CompatModeProperty => "max-cpu-compat";

    public IReadOnlyList<TunableProperty> TunableProperties => SpaprTunableCaps.All;
}
