using System.Text;
using System.Text.Json;
using Tern.Schema;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

public sealed class VmstateDumpLoaderTests
{
    public static TheoryData<string> CompleteDumps() =>
    [
        "qemu-5.2-virt-5.2", "qemu-7.2-pseries-7.2", "qemu-7.2-virt-7.2", "qemu-10.0.2-pseries-10.0",
        "qemu-10.0.2-virt-10.0", "qemu-10.0.13-pseries-10.0", "qemu-10.0.13-virt-10.0",
    ];

    [Theory]
    [MemberData(nameof(CompleteDumps))]
    public void Every_real_dump_loads_with_one_section_per_device_class_and_its_machine_type(string name)
    {
        // Given a real -dump-vmstate file, read independently as plain JSON
        using var raw = JsonDocument.Parse(SchemaFixtures.Bytes($"vmstate/{name}.json.gz"));
        var keys = raw.RootElement.EnumerateObject().Select(p => p.Name).Where(k => k != "vmschkmachine").ToList();
        var machine = raw.RootElement.GetProperty("vmschkmachine").GetProperty("Name").GetString();

        // When Tern loads it
        var schema = SchemaFixtures.Dump(name);

        // Then every device class is a section, in file order, and the machine type is kept
        Assert.Equal(keys, schema.Sections.Select(s => s.Key));
        Assert.Equal(machine, schema.MachineType);
        Assert.Equal(SchemaSource.VmstateDump, schema.Source);
        Assert.Equal(SchemaInputKind.VmstateDump, schema.InputKind);
    }

    [Fact]
    public void A_dump_knows_minimum_versions_gates_and_tests_but_not_wire_sizes_types_or_machine_level_sections()
    {
        // Given the 7.2 pseries dump
        var schema = SchemaFixtures.Dump("qemu-7.2-pseries-7.2");

        // Then the model says what a dump can and cannot tell (spec §14.1)
        Assert.True(schema.Knows(SchemaFacts.MinimumVersions | SchemaFacts.FieldVersions | SchemaFacts.FieldTests | SchemaFacts.AllSubsections));
        Assert.False(schema.Knows(SchemaFacts.WireSizes));
        Assert.False(schema.Knows(SchemaFacts.TypeNames));
        Assert.False(schema.Knows(SchemaFacts.MachineLevelSections));
        Assert.Null(schema.FindVmsd("cpu"));
        Assert.Null(schema.FindVmsd("spapr"));
        var pci = schema.FindVmsd("spapr_pci")!;
        Assert.Equal(2, pci.MinimumVersionId);
        Assert.All(pci.Fields, f => Assert.Null(f.Type));
        Assert.All(pci.Fields, f => Assert.Equal(FieldSizeKind.Host, f.SizeKind));
    }

    [Fact]
    public void Field_tests_and_struct_children_come_from_the_dump()
    {
        // Given the 7.2 pseries dump, whose spapr_pci has pre-2.8 fields behind a test (spec §14.3 example)
        var pci = SchemaFixtures.Dump("qemu-7.2-pseries-7.2").FindVmsd("spapr_pci")!;

        // Then mig_liobn has a test, buid has none, and lsi_table is a struct of spapr_pci/lsi
        Assert.True(pci.Fields.Single(f => f.Name == "mig_liobn").HasTest);
        Assert.False(pci.Fields.Single(f => f.Name == "buid").HasTest);
        var lsi = pci.Fields.Single(f => f.Name == "lsi_table");
        Assert.Equal("spapr_pci/lsi", lsi.Struct!.Name);
        Assert.Same(lsi.Struct, SchemaFixtures.Dump("qemu-7.2-pseries-7.2").FindVmsd("spapr_pci/lsi"));
    }

    [Fact]
    public void Array_lengths_are_known_from_QEMU_8_1_dumps_only()
    {
        // Given dumps from before and after QEMU 8.1 added "num" (spec §14.1)
        var old = SchemaFixtures.Dump("qemu-7.2-pseries-7.2");
        var @new = SchemaFixtures.Dump("qemu-10.0.2-pseries-10.0");

        // Then only the newer one gives the 4-element lsi_table its length
        Assert.False(old.Knows(SchemaFacts.FixedArrayLengths));
        Assert.True(@new.Knows(SchemaFacts.FixedArrayLengths));
        Assert.Null(old.FindVmsd("spapr_pci")!.Fields.Single(f => f.Name == "lsi_table").ArrayLength);
        Assert.Equal(4, @new.FindVmsd("spapr_pci")!.Fields.Single(f => f.Name == "lsi_table").ArrayLength);
    }

    [Fact]
    public void The_truncated_5_2_pseries_dump_is_refused_naming_the_file_and_the_JSON_path()
    {
        // Given the dump QEMU 5.2 wrote before it segfaulted
        const string name = "vmstate/qemu-5.2-pseries-5.2.TRUNCATED-segfault.json.gz";

        // When it is loaded
        var e = Assert.Throws<SchemaException>(() => SchemaFixtures.Load(name));

        // Then the error names the file, where the JSON breaks, and the path of the open objects
        Assert.Equal(name, e.Origin);
        Assert.StartsWith("$[\"", e.JsonPath);
        Assert.Contains("invalid JSON at line", e.Message);
        Assert.StartsWith(name + ": at $", e.Message);
    }

    [Fact]
    public void A_field_without_a_size_is_refused_with_its_JSON_path()
    {
        // Given a hand-made dump whose first field has no "size"
        var json = """
            {"vmschkmachine": {"Name": "pc"},
             "dev": {"Name": "dev", "version_id": 1, "minimum_version_id": 1,
                     "Description": {"name": "dev", "version_id": 1, "minimum_version_id": 1,
                                     "Fields": [{"field": "a", "version_id": 0, "field_exists": false}]}}}
            """;

        // When it is loaded
        var e = Assert.Throws<SchemaException>(() => VmstateDumpLoader.Parse(Encoding.UTF8.GetBytes(json), "hand.json"));

        // Then the path points at the field
        Assert.Equal("$.dev.Description.Fields[0]", e.JsonPath);
        Assert.Contains("\"size\" is missing", e.Message);
    }

    [Fact]
    public void A_dump_entry_without_a_description_loads_with_no_vmsd()
    {
        // Given the checker's own test case: a section whose "Description" is missing (spec §14.2 item 4)
        var json = """{"vmschkmachine": {"Name": "pc"}, "cfi.pflash01": {"Name": "cfi.pflash01", "version_id": 1, "minimum_version_id": 1}}""";

        // When it is loaded
        var schema = VmstateDumpLoader.Parse(Encoding.UTF8.GetBytes(json), "hand.json");

        // Then the section is there, without a VMSD
        Assert.Null(schema.FindSection("cfi.pflash01")!.Vmsd);
    }
}
