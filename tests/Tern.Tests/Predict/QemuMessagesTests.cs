using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// QEMU's load error lines by version. Up to 10.1: what real 7.2 and 10.0.x printed (tests/fixtures/lab-outcomes.jsonl,
/// DeviceConfigurationTests). From 10.2: one chained line, built from the format strings in the real 11.1.3 binary
/// (<c>strings qemu-system-ppc64</c>: "load of migration failed: %s: ", "error while loading state for instance 0x%x of
/// device '%s': ", "Loading VM subsection '%s' in '%s' failed: ", "Failed to load element of type %s for %s",
/// "%s: incoming version_id %d is too old for local minimum version_id %d"); the too-old line is what real 11.1.3 printed
/// for 5.2's virtio-iommu.
/// </summary>
public sealed class QemuMessagesTests
{
    private static readonly QemuMessages Old = new(QemuVersion.Parse("10.0.13"));
    private static readonly QemuMessages Chained = new(QemuVersion.Parse("11.1.3"));

    [Fact]
    public void A_section_below_the_minimum_is_three_lines_up_to_10_1_and_one_chain_after()
    {
        Assert.Equal(
            ["virtio-iommu: incoming version_id 1 is too old for local minimum version_id  2",
             "error while loading state for instance 0x0 of device '0000:00:02.0/virtio-iommu'",
             "load of migration failed: Invalid argument"],
            Old.SectionTooOld(0, "0000:00:02.0/virtio-iommu", "virtio-iommu", 1, 2));
        Assert.Equal(
            ["load of migration failed: Invalid argument: error while loading state for instance 0x0 of device '0000:00:02.0/virtio-iommu': virtio-iommu: incoming version_id 1 is too old for local minimum version_id 2"],
            Chained.SectionTooOld(0, "0000:00:02.0/virtio-iommu", "virtio-iommu", 1, 2));
    }

    [Fact]
    public void A_section_header_above_the_destinations_version_fails_before_the_section_wrapper()
    {
        Assert.Equal(["savevm: unsupported version 3 for 'spapr_iommu' v2", "load of migration failed: Invalid argument"],
            Old.UnsupportedVersionLines(3, "spapr_iommu", 2));
        Assert.Equal(["load of migration failed: Invalid argument: unsupported version 3 for 'spapr_iommu' v2"],
            Chained.UnsupportedVersionLines(3, "spapr_iommu", 2));
    }

    [Fact]
    public void A_refused_field_keeps_its_own_line_and_chains_the_element_type_from_10_2()
    {
        Assert.Equal(["Invalid value 300 expecting positive value <= 200", "Failed to load cpu:cpreg_vmstate_array_len",
                      "error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: Invalid argument"],
            Old.FieldRefused(0, "cpu", "Invalid value 300 expecting positive value <= 200", "cpu", "cpreg_vmstate_array_len", "int32 le"));
        Assert.Equal(["Invalid value 300 expecting positive value <= 200",
                      "load of migration failed: Invalid argument: error while loading state for instance 0x0 of device 'cpu': Failed to load element of type int32 le for cpreg_vmstate_array_len"],
            Chained.FieldRefused(0, "cpu", "Invalid value 300 expecting positive value <= 200", "cpu", "cpreg_vmstate_array_len", "int32 le"));
    }

    [Fact]
    public void A_subsection_names_itself_in_the_chain_from_10_2()
    {
        Assert.Equal(["error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: No such file or directory"],
            Old.UnknownSubsection("cpu/bhrb", "cpu", 0, "cpu"));
        Assert.Equal(["load of migration failed: No such file or directory: error while loading state for instance 0x0 of device 'cpu': VM subsection 'cpu/bhrb' in 'cpu' does not exist"],
            Chained.UnknownSubsection("cpu/bhrb", "cpu", 0, "cpu"));
        Assert.Equal(["load of migration failed: Invalid argument: error while loading state for instance 0x0 of device 'cpu': Loading VM subsection 'cpu/vsx' in 'cpu' failed: cpu/vsx: incoming version_id 2 is too new for local version_id 1"],
            Chained.SubsectionVersion(0, "cpu", "cpu/vsx", "cpu", "cpu/vsx: incoming version_id 2 is too new for local version_id 1"));
    }

    [Fact]
    public void A_post_load_refusal_names_the_destination_VMSDs_versions_from_10_2()
    {
        // Real 11.1.3: spapr (version 3, minimum 1) refusing cap-cfpc, after the cap's own line.
        Assert.Equal(["cap-cfpc higher level (1) in incoming stream than on destination (0)",
                      "error while loading state for instance 0x0 of device 'spapr'", "load of migration failed: Invalid argument"],
            Old.PostLoadRefused(0, "spapr", 3, 1, -22, "Invalid argument", "cap-cfpc higher level (1) in incoming stream than on destination (0)"));
        Assert.Equal(["cap-cfpc higher level (1) in incoming stream than on destination (0)",
                      "load of migration failed: Invalid argument: error while loading state for instance 0x0 of device 'spapr': post load hook failed for: spapr, version_id: 3, minimum_version: 1, ret: -22"],
            Chained.PostLoadRefused(0, "spapr", 3, 1, -22, "Invalid argument", "cap-cfpc higher level (1) in incoming stream than on destination (0)"));
        // Real 11.1.3: the ARM cpu's read-back failing (-1) is still "Invalid argument" in the chain.
        Assert.Equal(["load of migration failed: Invalid argument: error while loading state for instance 0x0 of device 'cpu': post load hook failed for: cpu, version_id: 22, minimum_version: 22, ret: -1"],
            Chained.PostLoadRefused(0, "cpu", 22, 22, -1, "Operation not permitted"));
        Assert.Equal(["error while loading state for instance 0x0 of device 'cpu'", "load of migration failed: Operation not permitted"],
            Old.PostLoadRefused(0, "cpu", 22, 22, -1, "Operation not permitted"));
    }

    [Fact]
    public void The_RAM_and_configuration_sections_chain_their_own_wrappers_from_10_2()
    {
        // Real 11.1.3: -m 512 into -m 256, and pseries-10.0 into pseries-9.2.
        Assert.Equal(["Size mismatch: ppc_spapr.ram: 0x20000000 != 0x10000000: Invalid argument",
                      "load of migration failed: Invalid argument: error while loading state for instance 0x0 of device 'ram': Failed to load vmstate version_id: 4, ret: -22"],
            Chained.RamRefused("Size mismatch: ppc_spapr.ram: 0x20000000 != 0x10000000: Invalid argument"));
        Assert.Equal(["load of migration failed: Invalid argument: post load hook failed for: configuration, version_id: 1, minimum_version: 0: Machine type received is 'pseries-10.0' and local is 'pseries-9.2'"],
            Chained.ConfigurationRefused("Machine type received is 'pseries-10.0' and local is 'pseries-9.2'"));
        Assert.Equal(["Machine type received is 'pseries-10.0' and local is 'pseries-9.2'", "load of migration failed: Invalid argument"],
            Old.ConfigurationRefused("Machine type received is 'pseries-10.0' and local is 'pseries-9.2'"));
    }
}
