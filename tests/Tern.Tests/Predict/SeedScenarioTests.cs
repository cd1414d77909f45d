using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// The historical cases of ../shared/spec/compat-rules.md §6 and the seeds, predicted from configuration.
/// Expected messages are QEMU's own strings (from its source at the named tag, or from real runs).
/// </summary>
public sealed class SeedScenarioTests
{
    private static readonly Predictor Predictor = new();

    private static Verdict Check(string source, string destination, string? destinationHost = null) =>
        Predictor.Predict(HostSpecParser.Parse(source), HostSpecParser.Parse(destination, destinationHost));

    [Fact]
    public void P1_as_released_2_11_2_sends_an_explicit_cap_htm_off_so_2_12_accepts_it()
    {
        // v2.11.2 hw/ppc/spapr.c: pseries-2.11 keeps htm on by default, so cap-htm=off differs from the default and is
        // sent (spapr_cap_htm_needed); 2.12 then compares 0 with its own 0. The TCG default hack described in the
        // 2018 thread is not in the v2.11.2 tag (docs/fidelity.md).
        var v = Check("qemu-2.11.2 -machine pseries-2.11,cap-htm=off -accel tcg", "qemu-2.12 -machine pseries-2.11,cap-htm=off -accel tcg");
        Assert.Equal(VerdictKind.Compatible, v.Kind);
    }

    [Fact]
    public void A_cap_left_at_the_sources_default_is_assumed_at_the_destinations_default_and_fails_when_that_is_higher()
    {
        // The mechanism behind P1/P13: nothing is sent, the destination assumes its default (1) and has 0 effective.
        var v = Check("qemu-10.0.2 -machine pseries-10.0", "qemu-10.0.2 -machine pseries-10.0,cap-dawr1=off");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("cap-dawr1 higher level (1) in incoming stream than on destination (0)", v.FirstFatal!.QemuError[0]);
        Assert.Contains("spapr", v.FirstFatal.QemuError[1], StringComparison.Ordinal);
    }

    [Fact]
    public void TCG_refuses_htm_for_pseries_2_11_and_older_which_default_it_on()
    {
        var v = Check("qemu-2.12 -machine pseries-2.11 -accel tcg", "qemu-2.12 -machine pseries-2.11 -accel tcg");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal(MigrationEnd.Source, v.FirstFatal!.Side);
        Assert.Equal("No Transactional Memory support in TCG", v.FirstFatal.QemuError[0]);
    }

    [Fact]
    public void Cpu_compat_is_guarded_by_pre_2_10_migration_so_a_2_10_source_with_pseries_2_9_reaches_2_9()
    {
        // v2.10.0 target/ppc/machine.c compat_needed: !cpu->pre_2_10_migration && compat_pvr != 0.
        var v = Check("qemu-2.10 -machine pseries-2.9,max-cpu-compat=power8 -cpu POWER8", "qemu-2.9 -machine pseries-2.9,max-cpu-compat=power8 -cpu POWER8");
        Assert.Equal(VerdictKind.Compatible, v.Kind);
    }

    [Fact]
    public void Cpu_compat_sent_to_a_QEMU_without_it_breaks_backward_migration()
    {
        // pseries-2.10 sends cpu/compat; a 2.9 destination has no such subsection (ENOENT, no message of its own).
        var source = HostSpecParser.Parse("qemu-2.10 -machine pseries-2.10,max-cpu-compat=power8 -cpu POWER8");
        var stream = new Simulator(Tern.Knowledge.KnowledgeBase.Default);
        var s = HostResolver.Resolve(source, MigrationEnd.Source, Tern.Knowledge.KnowledgeBase.Default, [], [])!;
        var bytes = stream.Simulate(s, [], [])!;
        Assert.NotEqual(-1, bytes.AsSpan().IndexOf("cpu/compat"u8));
        // A 2.9 destination cannot be given pseries-2.10, so load the stream as if the machine types matched: the
        // subsection alone is fatal.
        var v = Predictor.PredictStream(new MemoryStream(bytes), HostSpecParser.Parse("qemu-2.9 -machine pseries-2.9 -cpu POWER8"));
        var unknown = Assert.Single(v.Findings, f => f.Code == "unknown-subsection");
        Assert.Equal("cpu/compat", unknown.Evidence.Subsection);
        Assert.Equal(["error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: No such file or directory"], unknown.QemuError);
    }

    [Fact]
    public void Pseries_2_10_accepts_POWER8_into_POWER8E_by_family_pvr_match()
    {
        var v = Check("qemu-2.10 -machine pseries-2.10 -cpu POWER8", "qemu-2.10 -machine pseries-2.10 -cpu POWER8E");
        Assert.Equal(VerdictKind.Compatible, v.Kind);
    }

    [Fact]
    public void QEMU_7_2_rejects_POWER8_into_POWER8E_by_best_match_pvr()
    {
        var v = Check("qemu-7.2 -machine pseries-7.2 -cpu POWER8", "qemu-7.2 -machine pseries-7.2 -cpu POWER8E");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("ppc-pvr-mismatch", v.FirstFatal!.Code);
        Assert.Equal("error while loading state for instance 0x0 of device 'cpu'", v.FirstFatal.QemuError[0]);
    }

    [Fact]
    public void A_POWER9_guest_in_power8_mode_moves_onto_POWER8()
    {
        var v = Check("qemu-2.12 -machine pseries-2.12,max-cpu-compat=power8 -cpu POWER9", "qemu-2.12 -machine pseries-2.12 -cpu POWER8");
        Assert.Equal(VerdictKind.Compatible, v.Kind);
        var real = Check("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power8 -cpu POWER9", "qemu-7.2 -machine pseries-7.2 -cpu POWER8");
        Assert.Equal(VerdictKind.Compatible, real.Kind);
    }

    [Fact]
    public void A_POWER9_guest_in_power9_mode_is_refused_by_POWER8()
    {
        var v = Check("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power9 -cpu POWER9", "qemu-7.2 -machine pseries-7.2 -cpu POWER8");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
    }

    [Fact]
    public void KVM_HV_rewrites_the_PVR_as_a_warning_not_a_failure()
    {
        var v = Check("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power8 -cpu POWER9 -enable-kvm", "qemu-7.2 -machine pseries-7.2 -cpu POWER8 -enable-kvm", "kvm=hv");
        Assert.DoesNotContain(v.Findings, f => f.Severity == Severity.Fatal && f.Side == MigrationEnd.Destination && f.Code.StartsWith("ppc-", StringComparison.Ordinal));
        var rewrite = Assert.Single(v.Findings, f => f.Code == "ppc-kvm-hv-pvr-rewrite");
        Assert.Equal(Severity.Warning, rewrite.Severity);
        Assert.DoesNotContain(Check("qemu-7.2 -machine pseries-7.2,max-cpu-compat=power8 -cpu POWER9 -enable-kvm", "qemu-7.2 -machine pseries-7.2 -cpu POWER8 -enable-kvm", "kvm=pr").Findings,
            f => f.Code == "ppc-kvm-hv-pvr-rewrite");
    }

    [Fact]
    public void ARM_max_8_2_to_9_0_fails_the_CTR_EL0_read_back()
    {
        var v = Check("qemu-8.2 -machine virt-8.2 -cpu max", "qemu-9.0 -machine virt-8.2 -cpu max");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Equal("arm-cpreg-readback", v.FirstFatal!.Code);
        Assert.Equal("CTR_EL0", v.FirstFatal.Evidence.Field);
        Assert.Equal("0x8444c004", v.FirstFatal.Evidence.SourceValue);
        Assert.Equal("0xb444c004", v.FirstFatal.Evidence.DestinationValue);
        Assert.Equal(["error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: Operation not permitted"], v.FirstFatal.QemuError);
    }

    [Fact]
    public void P2_the_pseries_alias_of_2_11_1_is_pseries_2_12()
    {
        // The destination needs cap-htm=off: pseries-2.11 defaults it on, which TCG refuses.
        var v = Check("qemu-2.11.1 -machine pseries -accel tcg", "qemu-2.11.2 -machine pseries,cap-htm=off -accel tcg");
        Assert.Equal(VerdictKind.Incompatible, v.Kind);
        Assert.Contains(v.Findings, f => f.QemuError.Contains("Machine type received is 'pseries-2.12' and local is 'pseries-2.11'"));
    }

    [Fact]
    public void P12_QEMU_9_2_and_later_send_cpu_slb_version_2_which_7_2_rejects()
    {
        var v = Check("qemu-10.0.13 -machine pseries-7.2 -cpu power9_v2.0", "qemu-7.2 -machine pseries-7.2 -cpu power9_v2.0");
        Assert.Equal("cpu/slb: incoming version_id 2 is too new for local version_id 1", v.FirstFatal!.QemuError[0]);
    }

    [Fact]
    public void P14_sbbc_default_falls_to_broken_on_10_0_and_Tern_warns_about_the_silent_change()
    {
        var v = Check("qemu-7.2 -machine pseries-7.2 -cpu power9_v2.0", "qemu-10.0.13 -machine pseries-7.2 -cpu power9_v2.0");
        Assert.Equal(VerdictKind.Compatible, v.Kind);
        Assert.Contains(v.Findings, f => f.Code == "spapr-cap-silent-change" && f.Evidence.Field == "cap-sbbc");
    }

    [Fact]
    public void Unknown_versions_are_undecidable_and_say_which_fact_is_missing()
    {
        var v = Check("qemu-6.1 -machine pseries-6.1", "qemu-7.2 -machine pseries-6.1");
        Assert.Equal(VerdictKind.Undecidable, v.Kind);
        Assert.Contains(v.Missing, m => m.Contains("6.1", StringComparison.Ordinal));
    }
}
