using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// Never "compatible" over state Tern did not model. The cases are real: with QEMU 10.0.13 on both ends, a
/// virtio-net-pci on the source only is refused ("Unknown savevm section or instance
/// 'pci@800000020000000:00.0/virtio-net' 0"), and -smp 4 → -smp 1 fails (issue 11); Tern used to say compatible.
/// </summary>
public sealed class UnmodelledOptionsTests
{
    private static readonly Predictor Predictor = new();

    private static Verdict Check(string source, string destination) => Predictor.Predict(HostSpecParser.Parse(source), HostSpecParser.Parse(destination));

    [Fact]
    public void A_device_on_the_source_only_is_not_compatible_and_names_the_option()
    {
        var v = Check("qemu-10.0.13 -machine pseries-10.0 -device virtio-net-pci,netdev=n0 -netdev user,id=n0", "qemu-10.0.13 -machine pseries-10.0");

        Assert.NotEqual(VerdictKind.Compatible, v.Kind);
        Assert.Contains(v.Missing, m => m.StartsWith("source: -device virtio-net-pci,netdev=n0 may carry migration state", StringComparison.Ordinal));
    }

    [Fact]
    public void Different_vCPU_counts_are_not_compatible()
    {
        var v = Check("qemu-10.0.13 -machine pseries-10.0 -smp 4", "qemu-10.0.13 -machine pseries-10.0 -smp 1");

        Assert.NotEqual(VerdictKind.Compatible, v.Kind);
        Assert.Contains(v.Missing, m => m.Contains("-smp 4", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_proven_to_carry_no_state_are_ignored_and_the_verdict_stands()
    {
        var v = Check("qemu-10.0.13 -machine pseries-10.0 -name vm1 -nographic -qmp unix:/tmp/q,server=on,wait=off -serial none",
            "qemu-10.0.13 -machine pseries-10.0 -display none -pidfile /run/vm1.pid");

        Assert.Equal(VerdictKind.Compatible, v.Kind);
    }

    [Fact]
    public void A_fatal_finding_still_makes_the_verdict_incompatible_with_unmodelled_options_around()
    {
        var v = Check("qemu-7.2 -machine pseries-7.2 -device virtio-rng-pci", "qemu-10.0.2 -machine pseries-7.2 -device virtio-rng-pci");

        Assert.Equal(VerdictKind.Incompatible, v.Kind);
    }
}
