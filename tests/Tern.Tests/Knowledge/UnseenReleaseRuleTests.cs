using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Knowledge;

/// <summary>
/// Rules that real QEMU 11.1.3 (Debian sid) showed when it was first profiled, as predicted from its profile alone.
/// The expected texts are what real QEMU printed in the lab (tests/Tern.Lab.Tests/UnseenReleaseTests runs those
/// migrations in CI); the profiles in tests/fixtures/profiles hold no outcome, only what the bare binary said.
/// </summary>
public sealed class UnseenReleaseRuleTests
{
    private static readonly Predictor Predictor = new(KnowledgeBase.Default.With(
        new ProfileSearch([], [(Path.Combine(Fixtures.Root, "profiles"), "fixtures")])));

    private static Verdict Check(string source, string destination) =>
        Predictor.Predict(HostSpecParser.Parse(source), HostSpecParser.Parse(destination));

    [Fact]
    public void An_ARM_register_only_10_0_13_has_fails_on_11_1_by_register_id_with_QEMU_s_new_message()
    {
        var v = Check("qemu-10.0.13 -machine virt-10.0 -cpu cortex-a57", "qemu-11.1 -machine virt-10.0 -cpu cortex-a57");

        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("arm-cpreg-unknown", v.FirstFatal!.Code);
        Assert.Equal("handle_cpreg_only_in_incoming_stream: system register 0x1013c030 in the incoming stream but unknown on the destination: fail migration",
            v.FirstFatal.QemuError[0]);
    }

    [Fact]
    public void The_11_1_wfxt_timer_subsection_aborts_a_10_0_13_destination_whose_cortex_a57_has_no_such_timer()
    {
        var v = Check("qemu-11.1 -machine virt-10.0 -cpu cortex-a57", "qemu-10.0.13 -machine virt-10.0 -cpu cortex-a57");

        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("subsection-null-pointer", v.FirstFatal!.Code);
        Assert.Equal("cpu/wfxt-timer", v.FirstFatal.Evidence!.Subsection);
    }

    [Fact]
    public void Pseries_10_0_migrates_both_ways_between_10_0_13_and_11_1_as_real_QEMU_does()
    {
        // Real: both directions completed. The 11.1 dump has no spapr section (machine state is not a device class),
        // so its cap subsections must still be known from the samples and the cap rules.
        Assert.Equal(VerdictKind.Compatible, Check("qemu-10.0.13 -machine pseries-10.0", "qemu-11.1 -machine pseries-10.0").Kind);
        Assert.Equal(VerdictKind.Compatible, Check("qemu-11.1 -machine pseries-10.0", "qemu-10.0.13 -machine pseries-10.0").Kind);
    }

    [Fact]
    public void The_default_CPU_of_pseries_11_1_comes_from_the_profile()
    {
        var facts = KnowledgeBase.Default.With(new ProfileSearch([], [(Path.Combine(Fixtures.Root, "profiles"), "fixtures")]))
            .Find("11.1")!.For(Architecture.Ppc64)!;

        Assert.Equal("power11_v2.0", facts.Machines["pseries-11.1"]);
        Assert.Equal("power9_v2.2", facts.ResolveCpu("power9"));
        Assert.Equal("power7p_v2.1", facts.ResolveCpu("power7+"));
    }
}
