using Tern.Fleet;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Platforms.Machines;

namespace Tern.Tests.Fleet;

public sealed class MachineLifecycleTests
{
    [Theory]
    // include/hw/boards.h _MACHINE_VER_IS_EXPIRED_IMPL(3, major, minor) evaluated by hand for QEMU 10.0.
    [InlineData("pseries-7.0", "10.0.13", true)]
    [InlineData("pseries-7.1", "10.0.13", false)]
    [InlineData("pseries-6.2", "10.0.13", true)]
    [InlineData("virt-7.0", "10.1.0", true)]
    [InlineData("virt-7.2", "10.1.0", false)]
    // Before 9.1 QEMU had no such policy in code.
    [InlineData("pseries-5.2", "9.0.0", false)]
    public void The_policy_deprecates_a_machine_type_three_major_releases_on(string machine, string qemu, bool deprecated)
    {
        Assert.Equal(deprecated, MachineLifecycle.Current.IsDeprecatedIn(MachineType.TryParse(machine)!.Value, QemuVersion.Parse(qemu)));
    }

    [Fact]
    public void The_policy_numbers_are_QEMUs()
    {
        var p = MachineLifecycle.Current;
        Assert.Equal(3, p.DeprecationMajor);
        Assert.Equal(6, p.DeletionMajor);
        Assert.Equal(QemuVersion.Parse("11.2"), p.DeletableFrom(MachineType.TryParse("pseries-5.2")!.Value));
    }

    [Fact]
    public void The_policy_agrees_with_the_deprecated_flags_QEMU_10_0_13_reports()
    {
        // Each pseries type QEMU 10.0.13 registers, with query-machines' own "deprecated" flag (the real binary's answer).
        using var stream = KnowledgeBase.OpenData("profiles/10.0.13-ppc64.tern-profile.json.gz");
        var profile = HostProfileFile.Read(stream, "10.0.13-ppc64");
        foreach (var m in profile.Machines.Where(m => MachineType.TryParse(m.Name) is { Family: "pseries", Suffix: null }))
            Assert.True(m.Deprecated == MachineLifecycle.Current.IsDeprecatedIn(MachineType.TryParse(m.Name)!.Value, QemuVersion.Parse("10.0.13")), m.Name);
    }

    [Fact]
    public void A_VM_on_a_deprecated_machine_type_is_flagged_per_QEMU_with_its_removal_release()
    {
        var kb = KnowledgeBase.Default;
        var hosts = new[]
        {
            new FleetHost("a", "7.2", Architecture.Ppc64, "", kb.Find("7.2")!),
            new FleetHost("b", "10.0.13", Architecture.Ppc64, "", kb.Find("10.0.13")!),
            new FleetHost("c", "10.0.13", Architecture.Ppc64, "", kb.Find("10.0.13")!),
        };
        var notes = MachineLifecycleCheck.For(HostSpecParser.Parse("0.0 -machine pseries-5.2"), hosts);
        var note = Assert.Single(notes);
        Assert.Equal("10.0.13", note.Qemu);
        Assert.Equal(["b", "c"], note.Hosts);
        Assert.Equal("11.2", note.RemovableFrom.ToString());
        Assert.Contains("QEMU 11.2", note.Message, StringComparison.Ordinal);
        Assert.Empty(MachineLifecycleCheck.For(HostSpecParser.Parse("0.0 -machine pseries-7.2"), hosts));
    }
}
