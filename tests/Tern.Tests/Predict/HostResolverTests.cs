using Tern.Knowledge;
using Tern.Platforms;
using Tern.Targets.Ppc64;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// <see cref="HostResolver"/> alone: a host spec resolved as the QEMU it names does at start-up. Expected machine types,
/// CPUs and refusals are what real QEMU did: tests/fixtures/vmstate/machine-props.jsonl (the CPU QEMU instantiated per
/// version × machine), the real runs' stderr in tests/fixtures/outcomes.jsonl and lab-outcomes.jsonl.
/// </summary>
public sealed class HostResolverTests
{
    private static (ResolvedHost? Host, List<Finding> Findings, List<string> Missing) Resolve(string spec)
    {
        List<Finding> findings = [];
        List<string> missing = [];
        var host = HostResolver.Resolve(HostSpecParser.Parse(spec), MigrationEnd.Source, KnowledgeBase.Default, findings, missing);
        return (host, findings, missing);
    }

    [Theory]
    [InlineData("qemu-7.2", "7.2")]
    [InlineData("7.2", "7.2")]
    [InlineData("qemu-7.2.22", "7.2")] // Debian's 7.2 is 7.2.22 (tests/fixtures/README.md)
    [InlineData("qemu-10.0", "10.0.13")]
    [InlineData("qemu-10.0.2", "10.0.2")]
    public void Given_a_version_label_when_resolved_then_it_names_that_profile(string label, string profile)
    {
        // Given a spec naming a QEMU by label
        // When it is resolved
        var (host, findings, missing) = Resolve($"{label} -machine pseries-5.2 -accel tcg");

        // Then the profile is the one of that release
        Assert.NotNull(host);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Fatal); // TCG's cap warnings are notes
        Assert.Empty(missing);
        Assert.Equal(profile, host.Profile.Label);
    }

    [Theory]
    // Real: mt-alias-pseries-7.2-vs-10.0.2, 10.0.2 started with -machine pseries said "local is 'pseries-10.0'".
    [InlineData("qemu-10.0.2 -machine pseries", "pseries-10.0")]
    [InlineData("qemu-10.0.13 -machine pseries", "pseries-10.0")]
    [InlineData("qemu-7.2 -machine pseries", "pseries-7.2")]
    [InlineData("qemu-5.2 -machine pseries", "pseries-5.2")]
    [InlineData("qemu-7.2 -machine virt -cpu cortex-a57", "virt-7.2")]
    public void Given_a_machine_alias_when_resolved_then_it_is_the_newest_versioned_machine_of_that_build(string spec, string machine)
    {
        // Given the bare alias (hw/ppc/spapr.c, hw/arm/virt.c: the newest machine type is_default / alias)
        // When resolved
        var (host, _, _) = Resolve(spec);

        // Then it is that build's newest pseries-X.Y / virt-X.Y
        Assert.NotNull(host);
        Assert.Equal(machine, host.Machine);
    }

    [Theory]
    // machine-props.jsonl cpu0_type: 10.0 moved pseries-8.2 and older from power9_v2.0 to power9_v2.2.
    [InlineData("qemu-5.2 -machine pseries-5.2", "power9_v2.0")]
    [InlineData("qemu-7.2 -machine pseries-7.2", "power9_v2.0")]
    [InlineData("qemu-7.2 -machine pseries-5.2", "power9_v2.0")]
    [InlineData("qemu-10.0.2 -machine pseries-7.2", "power9_v2.2")]
    [InlineData("qemu-10.0.13 -machine pseries-5.2", "power9_v2.2")]
    [InlineData("qemu-10.0.13 -machine pseries-9.2", "power10_v2.0")]
    [InlineData("qemu-10.0.2 -machine pseries-10.0", "power10_v2.0")]
    public void Given_no_cpu_when_resolved_then_the_cpu_is_the_one_that_QEMU_instantiates_for_the_machine(string spec, string cpu)
    {
        // Given a spec without -cpu
        // When resolved
        var (host, _, _) = Resolve(spec + " -accel tcg");

        // Then the CPU is the machine's default as the real binary instantiated it
        Assert.NotNull(host);
        Assert.Equal(cpu, host.Cpu);
    }

    [Fact]
    public void Given_a_POWER_cpu_alias_when_resolved_then_the_PVR_is_that_of_the_model_QEMU_picks()
    {
        // Given -cpu POWER9 on 7.2 (the 7.2 binary's own answer, recorded in its embedded profile: alias power9 →
        // power9_v2.0, PVR 0x004e1200 = POWER9 DD2.0; target/ppc/cpu-models.c)
        var (host, _, _) = Resolve("qemu-7.2 -machine pseries-7.2 -cpu POWER9 -accel tcg");

        // Then the model and its PVR are POWER9 DD2.0
        Assert.NotNull(host);
        Assert.Equal("power9_v2.0", host.Cpu);
        Assert.Equal(0x004e1200u, host.Power().Pvr);
    }

    [Fact]
    public void Given_an_unknown_label_when_resolved_then_nothing_resolves_and_the_known_labels_are_named()
    {
        // Given a QEMU Tern has no knowledge of
        // When resolved
        var (host, findings, missing) = Resolve("qemu-6.1 -machine pseries-6.1 -accel tcg");

        // Then: no host, no QEMU finding (nothing QEMU said), and one line that names the label and what is known
        Assert.Null(host);
        Assert.Empty(findings);
        var line = Assert.Single(missing);
        Assert.Contains("QEMU 6.1 is not in Tern's knowledge", line, StringComparison.Ordinal);
        Assert.Contains("10.0.13", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_machine_that_is_neither_pseries_nor_virt_when_resolved_then_it_is_missing_knowledge()
    {
        var (host, findings, missing) = Resolve("qemu-7.2 -machine q35 -accel tcg");

        Assert.Null(host);
        Assert.Empty(findings);
        Assert.Contains("machine type 'q35' is not a pseries or virt machine", Assert.Single(missing), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("qemu-7.2 -machine q35 -accel tcg", "source: machine type 'q35' is not a pseries or virt machine; give -machine pseries-X.Y or virt-X.Y")]
    [InlineData("qemu-7.2 -accel tcg", "source: machine type '(none)' is not a pseries or virt machine; give -machine pseries-X.Y or virt-X.Y")]
    public void Given_a_machine_no_target_owns_when_resolved_then_the_missing_line_names_the_machine_families_Tern_models(string spec, string line)
    {
        // The line as it read before the targets named their machine families (scripts and reports match on it).
        var (_, _, missing) = Resolve(spec);

        Assert.Equal(line, Assert.Single(missing));
    }

    [Fact]
    public void Given_a_machine_type_the_build_does_not_register_when_resolved_then_QEMU_refuses_to_start()
    {
        // Given pseries-10.0 on 7.2, which registers up to pseries-7.2
        var (host, findings, _) = Resolve("qemu-7.2 -machine pseries-10.0 -accel tcg");

        // Then: softmmu/vl.c select_machine, error_setg "unsupported machine type" at the -machine location, and the hint
        Assert.Null(host);
        var f = Assert.Single(findings);
        Assert.Equal("machine-type-unavailable", f.Code);
        Assert.Equal(Severity.Fatal, f.Severity);
        Assert.Equal(["-machine pseries-10.0: unsupported machine type", "Use -machine help to list supported machines"], f.QemuError);
    }

    [Fact]
    public void Given_a_cpu_model_the_build_does_not_have_when_resolved_then_QEMU_cannot_find_it()
    {
        // Given -cpu neoverse-n1 on 5.2 (real: lab-5.2-to-5.2-virt-5.2-neoverse-n1, source-start-failed)
        var (host, findings, _) = Resolve("qemu-5.2 -machine virt-5.2 -cpu neoverse-n1 -m 256 -accel tcg");

        Assert.Null(host);
        var f = Assert.Single(findings);
        Assert.Equal("cpu-model-unavailable", f.Code);
        Assert.Equal(["unable to find CPU model 'neoverse-n1'"], f.QemuError);
    }

    [Fact]
    public void Given_a_cap_the_build_does_not_have_when_resolved_then_QEMU_says_the_property_is_not_found()
    {
        // Given cap-ail-mode-3 on 7.2 (real: lab-7.2-to-7.2-pseries-7.2,cap-ail-mode-3=off, source-start-failed)
        var (host, findings, _) = Resolve("qemu-7.2 -machine pseries-7.2,cap-ail-mode-3=off -m 256 -accel tcg");

        // Then: the host still resolves (the other facts stand), with QEMU's start-up refusal
        Assert.NotNull(host);
        var f = Assert.Single(findings, x => x.Code == "spapr-cap-unknown");
        Assert.Equal(["Property 'pseries-7.2-machine.cap-ail-mode-3' not found"], f.QemuError);
        Assert.Equal(MigrationEnd.Source, f.Side);
    }

    [Fact]
    public void Given_a_compat_mode_newer_than_the_cpu_when_resolved_then_QEMU_rejects_the_compatibility_PVR()
    {
        // Given POWER8 with max-cpu-compat=power9 (real: lab-10.0.13-to-10.0.13-pseries-7.2,max-cpu-compat=power9-POWER8,
        // source-start-failed; target/ppc/compat.c ppc_set_compat at machine reset)
        var (host, findings, _) = Resolve("qemu-10.0.13 -machine pseries-7.2,max-cpu-compat=power9 -m 256 -cpu POWER8 -accel tcg");

        Assert.NotNull(host);
        var f = Assert.Single(findings, x => x.Code == "compat-mode-unsupported");
        Assert.Equal(["Compatibility PVR 0x0f000005 not valid for CPU"], f.QemuError);
    }

    [Fact]
    public void Given_a_cap_on_the_command_line_when_resolved_then_its_level_is_effective_and_marked_as_given()
    {
        // Given cap-cfpc=broken (level 0, hw/ppc/spapr_caps.c cap_cfpc_possible: broken, workaround, fixed)
        var (host, findings, _) = Resolve("qemu-7.2 -machine pseries-7.2,cap-cfpc=broken -m 256 -accel tcg");

        Assert.NotNull(host);
        Assert.DoesNotContain(findings, f => f.Severity == Severity.Fatal);
        var cfpc = SpaprCaps.ByName("cap-cfpc")!;
        Assert.Equal(0, host.Power().CapEffective[cfpc.Id]);
        Assert.True(host.Power().CapOnCommandLine[cfpc.Id]);
    }
}
