using Tern.Platforms;
using Tern.Targets;

namespace Tern.Tests.Platforms;

/// <summary><see cref="Architectures"/>: the one table of how targets are spelled and which machine family each runs.</summary>
public sealed class ArchitecturesTests
{
    [Fact]
    public void Every_architecture_has_a_name_that_parses_back_and_its_targets_machine_family()
    {
        foreach (var a in Enum.GetValues<Architecture>())
        {
            Assert.Equal(a, Architectures.Parse(a.Name()));
            Assert.Equal(a, Architectures.OfProgram("/usr/bin/qemu-system-" + a.Name()));
            Assert.Equal(a.MachineFamily(), Target.For(a).MachineFamily);
            Assert.Equal("qemu-system-" + a.Name(), Target.For(a).Binary);
        }
    }

    [Fact]
    public void The_names_are_QEMUs_binary_suffixes()
    {
        // qemu-system-ppc64 and qemu-system-aarch64, as profiles ("arch"), inventories and --arch spell them
        Assert.Equal(["ppc64", "aarch64"], Architectures.Names);
        Assert.Equal("ppc64 or aarch64", Architectures.NamesText);
        Assert.Equal("pseries", Architecture.Ppc64.MachineFamily());
        Assert.Equal("virt", Architecture.Aarch64.MachineFamily());
    }

    [Theory]
    [InlineData("x86_64")]
    [InlineData("PPC64")]
    [InlineData("")]
    [InlineData(null)]
    public void A_name_Tern_does_not_model_parses_to_nothing(string? name)
    {
        Assert.Null(Architectures.Parse(name));
        Assert.Null(Architectures.OfProgram(name is null ? null : "qemu-system-" + name));
    }
}
