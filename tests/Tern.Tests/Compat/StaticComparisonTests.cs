using Tern.Lab.Compat;

namespace Tern.Tests.Compat;

public sealed class StaticComparisonTests
{
    [Fact]
    public void From_7_2_to_10_0_13_the_pseries_7_2_default_CPU_moves_from_POWER9_DD2_0_to_DD2_2()
    {
        // QEMU 8.1 added power9_v2.2 and made it the default CPU of every pseries type (hw/ppc/spapr.c, target/ppc/cpu-models.c).
        var c = new StaticComparison(CompatProfiles.Read("7.2", "ppc64"), CompatProfiles.Read("10.0.13", "ppc64"));

        var facts = c.MachineFacts("pseries-7.2", null);

        var moved = Assert.Single(facts, f => f.Code == "default-cpu-moved");
        Assert.Equal("default CPU moved power9_v2.0 → power9_v2.2", moved.Message);
        Assert.Equal("pin -cpu power9_v2.0", moved.Remedy);
        Assert.DoesNotContain(c.MachineFacts("pseries-7.2", "power10"), f => f.Code == "default-cpu-moved");
    }

    [Fact]
    public void From_7_2_to_10_0_13_the_build_gains_power9_v2_2_and_power11_and_POWER10_DD2_0_gets_its_corrected_PVR()
    {
        // 8.1: POWER9 DD2.2; 10.0: POWER11; CPU_POWERPC_POWER10_DD20 is 0x00801200 since the DD2.0 PVR fix (7.2 had 0x00800200).
        var facts = new StaticComparison(CompatProfiles.Read("7.2", "ppc64"), CompatProfiles.Read("10.0.13", "ppc64")).BuildFacts();

        var added = Assert.Single(facts, f => f.Code == "cpu-model-added");
        Assert.Contains("power9_v2.2", added.Message, StringComparison.Ordinal);
        Assert.Contains("power11", added.Message, StringComparison.Ordinal);
        Assert.Contains(facts, f => f.Code == "cpu-pvr-changed" && f.Message == "CPU model power10_v2.0: PVR 0x00800200 → 0x00801200");
        Assert.Contains(facts, f => f.Code == "cpu-alias-moved" && f.Message == "CPU alias power9: power9_v2.0 → power9_v2.2");
    }

    [Fact]
    public void A_point_release_keeps_the_default_CPU_and_the_CPU_models()
    {
        var c = new StaticComparison(CompatProfiles.Read("10.0.2", "ppc64"), CompatProfiles.Read("10.0.13", "ppc64"));

        Assert.DoesNotContain(c.MachineFacts("pseries-10.0", null), f => f.Code == "default-cpu-moved");
        Assert.DoesNotContain(c.BuildFacts(), f => f.Code is "cpu-model-added" or "cpu-model-removed" or "cpu-pvr-changed");
    }

    [Fact]
    public void The_max_CPU_gains_system_registers_between_7_2_and_10_0_13_and_they_are_named()
    {
        // Every release adds features (and so ID and system registers) to -cpu max (target/arm/tcg/cpu64.c aarch64_max_tcg_initfn).
        var facts = new StaticComparison(CompatProfiles.Read("7.2", "aarch64"), CompatProfiles.Read("10.0.13", "aarch64")).MachineFacts("virt-7.2", "max");

        var gained = Assert.Single(facts, f => f.Code == "arm-cpreg-only-new");
        Assert.Equal(CompatDirection.Backward, gained.Direction);
        Assert.StartsWith("max: ", gained.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("0x6030", gained.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_device_set_none_compares_no_device_and_common_includes_virtio_net_but_not_usb_less_devices()
    {
        Assert.True(CompatDeviceSet.Parse("none").IsEmpty);
        Assert.True(CompatDeviceSet.Parse(null).Includes("virtio-net-device"));
        Assert.True(CompatDeviceSet.Parse("common").Includes("spapr-vscsi"));
        Assert.False(CompatDeviceSet.Parse("common").Includes("ide-hd"));
        Assert.True(CompatDeviceSet.Parse("ide-hd,e1000").Includes("e1000"));
        Assert.True(CompatDeviceSet.Parse("all").Includes("anything"));
    }
}
