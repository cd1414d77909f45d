using Tern.Platforms;

namespace Tern.Tests.Platforms;

public sealed class HostSpecParserTests
{
    [Fact]
    public void A_spec_names_version_machine_properties_cpu_accel_and_memory()
    {
        var s = HostSpecParser.Parse("qemu-7.2 -machine pseries-7.2,cap-cfpc=workaround,max-cpu-compat=power8 -cpu POWER9 -accel tcg -m 2G -smp 4 -nographic -serial mon:stdio");
        Assert.Equal("7.2", s.Qemu);
        Assert.Equal("pseries-7.2", s.Machine);
        Assert.Equal("workaround", s.MachineProperties["cap-cfpc"]);
        Assert.Equal("power8", s.MachineProperties["max-cpu-compat"]);
        Assert.Equal("POWER9", s.Cpu);
        Assert.Equal(Accelerator.Tcg, s.Accelerator);
        Assert.Equal(2UL << 30, s.MemoryBytes);
        Assert.Equal(4, s.Cpus);
        Assert.Equal(["-nographic"], s.Ignored);
        Assert.Equal(["-serial mon:stdio"], s.Unmodelled); // a serial device (spapr-vty on pseries) has migration state
    }

    [Fact]
    public void Kvm_comes_from_enable_kvm_or_accel_and_host_facts_from_their_own_option()
    {
        var s = HostSpecParser.Parse("10.0.13 -M pseries -enable-kvm", "kvm=hv,pvr=0x004e1202");
        Assert.Equal(Accelerator.Kvm, s.Accelerator);
        Assert.Equal("hv", s.HostFacts["kvm"]);
        Assert.Equal(Accelerator.Kvm, HostSpecParser.Parse("qemu-7.2 -machine virt-7.2,accel=kvm").Accelerator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-machine pseries-7.2")]
    [InlineData("qemu-7.2 -m")]
    [InlineData("qemu-7.2 -accel hvf")]
    public void Bad_specs_are_format_errors(string spec) => Assert.Throws<FormatException>(() => HostSpecParser.Parse(spec));
}
