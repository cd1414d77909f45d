using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Targets.Ppc64;
using Tern.Predict;
using Tern.Targets;
using Tern.Tests.Support;

namespace Tern.Tests.Targets;

/// <summary>
/// Every architecture Tern parses has one target, found by its architecture or by a machine type, and what each target
/// adds is QEMU's: binary and machine type names as QEMU spells them, start-up resolutions as real QEMU runs refused.
/// </summary>
public sealed class TargetTests
{
    [Fact]
    public void Every_architecture_has_its_own_target()
    {
        foreach (var architecture in Enum.GetValues<Architecture>())
            Assert.Equal(architecture, Target.For(architecture).Architecture);
        Assert.Equal(Enum.GetValues<Architecture>().Length, Target.All.Count);
    }

    [Fact]
    public void Only_the_ARM_target_needs_a_template_of_the_same_CPU_model()
    {
        // target/arm: the cpreg list is the CPU model's own; target/ppc: PVR, compat and BHRB are edited in.
        Assert.True(Target.For(Architecture.Aarch64).TemplateNeedsSameCpuModel);
        Assert.False(Target.For(Architecture.Ppc64).TemplateNeedsSameCpuModel);
    }

    [Theory]
    // hw/ppc/spapr.c registers "pseries-X.Y" and the alias "pseries"; hw/arm/virt.c "virt-X.Y" and "virt".
    [InlineData("pseries-7.2", Architecture.Ppc64)]
    [InlineData("pseries", Architecture.Ppc64)]
    [InlineData("pseries-2.12", Architecture.Ppc64)]
    [InlineData("virt-9.2", Architecture.Aarch64)]
    [InlineData("virt", Architecture.Aarch64)]
    public void Given_a_pseries_or_virt_machine_type_when_its_target_is_looked_up_then_it_is_that_architecture(string machine, Architecture architecture)
    {
        var target = Target.ForMachine(machine);

        Assert.NotNull(target);
        Assert.Equal(architecture, target.Architecture);
    }

    [Theory]
    [InlineData("q35")] // x86_64: not modelled (yet)
    [InlineData("s390-ccw-virtio-9.2")] // s390x: not modelled (yet)
    [InlineData("virtex-ml507")] // a real qemu-system-ppc machine whose name starts with "virt" but is no virt-X.Y
    [InlineData("powernv9")] // POWER bare metal, not pseries
    [InlineData("")]
    [InlineData(null)]
    public void Given_a_machine_type_no_target_owns_when_looked_up_then_there_is_none(string? machine) =>
        Assert.Null(Target.ForMachine(machine));

    [Fact]
    public void Each_target_names_the_QEMU_binary_and_machine_family_as_QEMU_does()
    {
        Assert.Equal("qemu-system-ppc64", Target.For(Architecture.Ppc64).Binary);
        Assert.Equal("qemu-system-aarch64", Target.For(Architecture.Aarch64).Binary);
        Assert.Equal(["pseries", "virt"], Target.All.Select(t => t.MachineFamily));
    }

    [Fact]
    public void Given_KVM_on_a_POWER_host_when_the_accelerator_is_resolved_then_the_host_kernel_module_decides_HV_or_PR()
    {
        // kvm_hv on bare metal, kvm_pr in a guest (the inventory's host facts say which); ARM has one KVM.
        var hv = HostSpecParser.Parse("qemu-10.0.13 -machine pseries-7.2 -enable-kvm", "kvm=hv");
        var pr = HostSpecParser.Parse("qemu-10.0.13 -machine pseries-7.2 -enable-kvm", "kvm=pr");
        var unknown = HostSpecParser.Parse("qemu-10.0.13 -machine pseries-7.2 -enable-kvm");
        var tcg = HostSpecParser.Parse("qemu-10.0.13 -machine pseries-7.2 -accel tcg", "kvm=hv");
        var arm = HostSpecParser.Parse("qemu-10.0.13 -machine virt-7.2 -enable-kvm", "kvm=hv");

        var ppc = Target.For(Architecture.Ppc64);
        Assert.Equal(Accelerator.KvmHv, ppc.ResolveAccelerator(hv));
        Assert.Equal(Accelerator.KvmPr, ppc.ResolveAccelerator(pr));
        Assert.Equal(Accelerator.Kvm, ppc.ResolveAccelerator(unknown));
        Assert.Equal(Accelerator.Tcg, ppc.ResolveAccelerator(tcg));
        Assert.Equal(Accelerator.Kvm, Target.For(Architecture.Aarch64).ResolveAccelerator(arm));
    }

    [Fact]
    public void Given_a_compat_mode_newer_than_the_POWER_cpu_when_the_target_resolves_its_facts_then_QEMU_rejects_the_compatibility_PVR()
    {
        // Given POWER8 with max-cpu-compat=power9 on 10.0.13 (real: lab-10.0.13-to-10.0.13-pseries-7.2,max-cpu-compat=power9-POWER8,
        // source-start-failed), its machine type and CPU model already resolved
        var host = Unresolved("qemu-10.0.13 -machine pseries-7.2,max-cpu-compat=power9 -m 256 -cpu POWER8 -accel tcg", "10.0.13", "pseries-7.2", "power8_v2.0");
        List<Finding> findings = [];

        // When the POWER target resolves what it adds
        var resolved = Target.For(Architecture.Ppc64).ResolveFacts(host, MigrationEnd.Source, findings);

        // Then: the CPU's PVR (target/ppc/cpu-models.h CPU_POWERPC_POWER8_v20 = 0x004D0200), the mode, and QEMU's refusal
        Assert.Equal(0x004d0200u, resolved.Power().Pvr);
        Assert.Equal("power9", resolved.Power().MaxCompat?.Name);
        var f = Assert.Single(findings, x => x.Code == "compat-mode-unsupported");
        Assert.Equal(["Compatibility PVR 0x0f000005 not valid for CPU"], f.QemuError);
        Assert.Equal(MigrationEnd.Source, f.Side);
    }

    [Fact]
    public void Given_a_cap_the_build_does_not_have_when_the_POWER_target_resolves_its_facts_then_QEMU_says_the_property_is_not_found()
    {
        // Given cap-ail-mode-3 on 7.2 (real: lab-7.2-to-7.2-pseries-7.2,cap-ail-mode-3=off, source-start-failed)
        var host = Unresolved("qemu-7.2 -machine pseries-7.2,cap-ail-mode-3=off -m 256 -accel tcg", "7.2", "pseries-7.2", "power9_v2.0");
        List<Finding> findings = [];

        var resolved = Target.For(Architecture.Ppc64).ResolveFacts(host, MigrationEnd.Destination, findings);

        var f = Assert.Single(findings, x => x.Code == "spapr-cap-unknown");
        Assert.Equal(["Property 'pseries-7.2-machine.cap-ail-mode-3' not found"], f.QemuError);
        Assert.Equal(SpaprCaps.All.Count, resolved.Power().CapEffective.Length);
    }

    [Fact]
    public void Given_a_virt_host_when_the_ARM_target_resolves_its_facts_then_nothing_is_added_or_refused()
    {
        var host = Unresolved("qemu-7.2 -machine virt-7.2 -cpu cortex-a57 -m 256 -accel tcg", "7.2", "virt-7.2", "cortex-a57");
        List<Finding> findings = [];

        Assert.Same(host, Target.For(Architecture.Aarch64).ResolveFacts(host, MigrationEnd.Source, findings));
        Assert.Empty(findings);
    }

    [Fact]
    public void Each_target_names_the_main_RAM_block_real_streams_of_it_carry()
    {
        // hw/ppc/spapr.c and hw/arm/virt.c name the guest's memory region; every embedded template is a real stream.
        foreach (var target in Target.All)
        {
            var template = KnowledgeBase.Default.Labels.Select(KnowledgeBase.Default.Find).SelectMany(p => p!.TemplatesFor(target.Architecture))
                .First(t => Target.ForMachine(t.Source.Machine) == target);
            var model = StreamModelReader.Read(template.ReadBytes());
            Assert.Contains(model.RamBlocks, b => b.Name == target.MainRamBlock);
        }
    }

    [Fact]
    public void The_POWER_target_knows_cpu_bhrb_only_on_destinations_from_9_1()
    {
        // target/ppc/machine.c vmstate_bhrb came with QEMU 9.1 (POWER10/11 BHRB); ARM adds no such list.
        var ppc = Target.For(Architecture.Ppc64);
        Assert.DoesNotContain(ppc.RarelySentSubsections(new QemuVersion(7, 2, 0)), s => s.Name == "cpu/bhrb");
        Assert.Contains(ppc.RarelySentSubsections(new QemuVersion(10, 0, 13)), s => s.Name == "cpu/bhrb");
        Assert.Empty(Target.For(Architecture.Aarch64).RarelySentSubsections(new QemuVersion(10, 0, 13)));
    }

    [Fact]
    public void The_POWER_target_offers_compat_modes_newest_first_and_ARM_none()
    {
        // hw/ppc/spapr.c max-cpu-compat: power8 and power9 existed by 5.2, power10 came ~6.0 (compat-rules.md, compat modes)
        var modes = Target.For(Architecture.Ppc64).CompatModes(new QemuVersion(5, 2, 0));
        Assert.Contains("power8", modes);
        Assert.True(modes.ToList().IndexOf("power9") < modes.ToList().IndexOf("power8"));
        Assert.DoesNotContain("power10", modes);
        Assert.Contains("power10", Target.For(Architecture.Ppc64).CompatModes(new QemuVersion(10, 0, 13)));
        Assert.Empty(Target.For(Architecture.Aarch64).CompatModes(new QemuVersion(10, 0, 13)));
    }

    [Fact]
    public void Moving_pseries_4_2_to_5_0_changes_the_ccf_assist_and_fwnmi_defaults_unless_set_explicitly()
    {
        // compat-rules.md §1.3: pseries-4.0 … 4.2 default cap-ccf-assist and cap-fwnmi off, pseries-5.0+ on
        var ppc = Target.For(Architecture.Ppc64);
        var v = new QemuVersion(7, 2, 0);
        var effects = ppc.MachineTypeChangeEffects(v, "pseries-4.2", "pseries-5.0", new Dictionary<string, string>()).ToList();
        Assert.Equal(2, effects.Count);
        Assert.Contains(effects, e => e.StartsWith("cap-ccf-assist default level", StringComparison.Ordinal));
        Assert.Contains(effects, e => e.StartsWith("cap-fwnmi default level", StringComparison.Ordinal));
        Assert.Single(ppc.MachineTypeChangeEffects(v, "pseries-4.2", "pseries-5.0", new Dictionary<string, string> { ["cap-fwnmi"] = "on" }));
        Assert.Empty(ppc.MachineTypeChangeEffects(v, "pseries-5.2", "pseries-7.2", new Dictionary<string, string>()));
        Assert.Empty(Target.For(Architecture.Aarch64).MachineTypeChangeEffects(v, "virt-4.2", "virt-7.2", new Dictionary<string, string>()));
    }

    // A host as HostResolver hands it to its target: profile, machine type, CPU model and accelerator resolved.
    private static ResolvedHost Unresolved(string spec, string label, string machine, string cpu)
    {
        var parsed = HostSpecParser.Parse(spec);
        return new ResolvedHost
        {
            Spec = parsed, Profile = KnowledgeBase.Default.Find(label)!, Architecture = Target.ForMachine(machine)!.Architecture,
            Machine = machine, MachineType = MachineType.TryParse(machine)!.Value, Cpu = cpu, Accelerator = parsed.Accelerator,
        };
    }

    [Theory]
    // Real `qemu-system-ppc64 -cpu help`; the PVRs are QEMU's target/ppc/cpu-models.h CPU_POWERPC_POWER9_DD20/DD22.
    [InlineData("cpu-help-5.2-ppc64.txt", "power9_v2.0", "0x004e1200")]
    [InlineData("cpu-help-11.1.3-ppc64.txt", "power9_v2.2", "0x004e1202")]
    public void The_POWER_target_reads_PVRs_and_aliases_from_cpu_help(string file, string power9, string pvr)
    {
        var target = Target.For(Architecture.Ppc64);
        var help = File.ReadAllLines(Path.Combine(Fixtures.Root, "probes", file));
        ProfileCpuModel[] fromQmp = [new() { Name = power9, Deprecated = true }];

        var models = target.WithCpuHelp(fromQmp, help).ToDictionary(m => m.Name);

        Assert.True(target.CpuHelpAddsFacts);
        Assert.Equal(pvr, models[power9].Pvr);
        Assert.True(models[power9].Deprecated); // what QMP said is kept
        Assert.Equal(power9, models["power9"].AliasOf);
        Assert.Equal("power8_v2.0", models["power8"].AliasOf);
        Assert.Equal("0x004d0200", models["power8_v2.0"].Pvr);
        Assert.Equal(models.Keys.Order(StringComparer.Ordinal), models.Keys);
    }

    [Fact]
    public void The_POWER_target_profiles_only_the_server_CPUs_pseries_runs()
    {
        var target = Target.For(Architecture.Ppc64);
        var help = File.ReadAllLines(Path.Combine(Fixtures.Root, "probes", "cpu-help-11.1.3-ppc64.txt"));

        var sampled = target.WithCpuHelp([], help).Where(m => m.AliasOf is null && target.ProfilesCpuModel(m)).Select(m => m.Name).ToList();

        Assert.Contains("power9_v2.2", sampled);
        Assert.Contains("power10_v2.0", sampled);
        Assert.Contains("power5p_v2.1", sampled);
        Assert.DoesNotContain(sampled, n => !n.StartsWith("power", StringComparison.Ordinal)); // 970, e500, 7400 …: not sampled
        Assert.Equal("cap-", target.SampledMachinePropertyPrefix);
    }

    [Fact]
    public void The_ARM_target_samples_every_CPU_model_and_asks_cpu_help_nothing()
    {
        var target = Target.For(Architecture.Aarch64);
        ProfileCpuModel[] models = [new() { Name = "cortex-a57" }, new() { Name = "max" }];

        Assert.False(target.CpuHelpAddsFacts);
        Assert.Same(models, target.WithCpuHelp(models, ["Available CPUs:", "  cortex-a57"]));
        Assert.All(models, m => Assert.True(target.ProfilesCpuModel(m)));
        Assert.Null(target.SampledMachinePropertyPrefix);
    }

    [Fact]
    public void The_POWER_target_offers_the_spapr_caps_at_the_levels_QEMU_accepts_and_its_compat_property()
    {
        var target = Target.For(Architecture.Ppc64);
        var caps = target.TunableProperties.ToDictionary(p => p.Property);

        // hw/ppc/spapr_caps.c: cap-htm is a bool, cap-cfpc a tristate ("broken", "workaround", "fixed"), cap-ibs adds
        // its own levels; the page-size cap takes sizes, which are not guessed.
        Assert.Equal(["off", "on"], caps["cap-htm"].Values);
        Assert.Equal("spapr/cap/htm", caps["cap-htm"].Subsection);
        Assert.Equal(["broken", "workaround", "fixed"], caps["cap-cfpc"].Values);
        Assert.Equal(["broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na"], caps["cap-ibs"].Values);
        Assert.DoesNotContain("cap-hpt-max-page-size", caps.Keys);
        Assert.Equal("max-cpu-compat", target.CompatModeProperty);
        Assert.Empty(Target.For(Architecture.Aarch64).TunableProperties);
        Assert.Null(Target.For(Architecture.Aarch64).CompatModeProperty);
    }
}
