using System.IO.Compression;
using System.Text;
using Tern.Schema;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

public sealed class StreamSchemaTests
{
    [Fact]
    public void A_real_stream_gives_its_vmdesc_sections_by_idstr_and_instance()
    {
        // Given a real QEMU 7.2 pseries stream
        // When its schema is loaded
        var schema = SchemaFixtures.Stream("same-7.2-pseries");

        // Then the sections are the FULL sections it sent, with the versions it wrote
        Assert.Equal(SchemaSource.StreamDescription, schema.Source);
        Assert.Equal(SchemaInputKind.MigrationStream, schema.InputKind);
        Assert.Equal(2, schema.FindSections("spapr_iommu").Count);
        Assert.Equal(3, schema.FindSection("spapr_iommu", 0x80000000)!.VersionId);
        var cpu = schema.FindSection("cpu", 0)!;
        Assert.Equal(5, cpu.VersionId);
        Assert.Equal(1, cpu.Vmsd!.FindSubsection("cpu/slb")!.VersionId);
        Assert.Equal("spapr_nvram", schema.FindSection("nvram@71000000/spapr_nvram")!.VmsdName);
    }

    [Theory]
    [InlineData("same-7.2-pseries", "same-7.2-pseries")]
    [InlineData("x-5.2-to-7.2-pseries-5.2.back", "x-5.2-to-7.2-pseries-5.2")]
    [InlineData("same-10.0.13-virt-a57", "same-10.0.13-virt-a57")]
    public void A_streams_machine_type_is_the_one_its_QEMU_ran(string stream, string caseName)
    {
        // Given the -machine argument the source QEMU of that case ran with (outcomes.jsonl)
        var line = File.ReadLines(Path.Combine(Tern.Tests.Support.Fixtures.Root, "outcomes.jsonl"))
            .First(l => l.Contains($"\"case\": \"{caseName}\"", StringComparison.Ordinal));
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        var args = doc.RootElement.GetProperty("source").GetProperty("args").EnumerateArray().Select(a => a.GetString()).ToList();
        var machine = args[args.IndexOf("-machine") + 1];

        // When the stream's schema is loaded, from a file and from memory
        var fromFile = SchemaFixtures.Stream(stream);
        var fromMemory = SchemaLoader.Load(SchemaFixtures.Bytes($"streams/{stream}.stream.gz"), stream);

        // Then both carry that machine type (from the stream's configuration section)
        Assert.Equal(machine, fromFile.MachineType);
        Assert.Equal(machine, fromMemory.MachineType);
        Assert.True(fromFile.Knows(SchemaFacts.MachineType));
    }

    [Fact]
    public void A_stream_knows_wire_sizes_types_and_machine_level_sections_but_not_minimum_versions_or_gates()
    {
        // Given a real stream
        var schema = SchemaFixtures.Stream("same-7.2-pseries");

        // Then what the vmdesc lacks is null in the model (spec §12)
        Assert.True(schema.Knows(SchemaFacts.WireSizes | SchemaFacts.TypeNames | SchemaFacts.MachineLevelSections | SchemaFacts.InstanceIds));
        Assert.False(schema.Knows(SchemaFacts.MinimumVersions));
        Assert.False(schema.Knows(SchemaFacts.AllSubsections));
        var cpu = schema.FindVmsd("cpu")!;
        Assert.Null(cpu.MinimumVersionId);
        Assert.All(cpu.Fields, f => Assert.Null(f.VersionId));
        Assert.All(cpu.Fields, f => Assert.Null(f.HasTest));
        Assert.All(cpu.Fields, f => Assert.Equal(FieldSizeKind.Wire, f.SizeKind));
    }

    [Fact]
    public void The_int32_le_count_of_the_ARM_cpu_precedes_the_cpreg_arrays_it_counts()
    {
        // Given a real 10.0.2 cortex-a57 stream
        var cpu = SchemaFixtures.Stream("same-10.0.2-virt-a57").FindVmsd("cpu")!;

        // Then the vmdesc shows cpreg_vmstate_array_len as "int32 le" and both arrays with the count that was sent
        var i = cpu.Fields.ToList().FindIndex(f => f.Name == "cpreg_vmstate_array_len");
        Assert.Equal("int32 le", cpu.Fields[i].Type);
        Assert.Equal(274, cpu.Fields[i + 1].ArrayLength);
        Assert.Equal(274, cpu.Fields[i + 2].ArrayLength);
    }

    [Fact]
    public void A_gzipped_stream_and_its_raw_bytes_give_the_same_schema()
    {
        // Given the same stream gzipped and raw
        var raw = SchemaFixtures.Bytes("streams/same-7.2-virt-a57.stream.gz");
        var gz = File.ReadAllBytes(Path.Combine(Tern.Tests.Support.Fixtures.Root, "streams/same-7.2-virt-a57.stream.gz"));

        // When both are loaded
        var a = SchemaLoader.Load(raw, "raw");
        var b = SchemaLoader.Load(new MemoryStream(gz), "gz");

        // Then they agree section by section
        Assert.Equal(a.Sections.Select(s => (s.Key, s.InstanceId, s.VersionId, s.Vmsd!.Fields.Count)),
            b.Sections.Select(s => (s.Key, s.InstanceId, s.VersionId, s.Vmsd!.Fields.Count)));
    }

    [Fact]
    public void A_stream_read_from_a_pipe_gives_the_same_schema_as_from_memory()
    {
        // Given a stream behind a non-seekable decompressor
        var raw = SchemaFixtures.Bytes("streams/same-5.2-virt-a57.stream.gz");
        using var pipe = new GZipStream(File.OpenRead(Path.Combine(Tern.Tests.Support.Fixtures.Root, "streams/same-5.2-virt-a57.stream.gz")), CompressionMode.Decompress);

        // When both are loaded
        var fromPipe = SchemaLoader.Load(pipe, "pipe");
        var fromMemory = SchemaLoader.Load(raw, "memory");

        // Then the section lists are equal
        Assert.Equal(fromMemory.Sections.Select(s => s.Label), fromPipe.Sections.Select(s => s.Label));
    }

    [Fact]
    public void Element_by_element_array_entries_become_one_field_with_the_total_count()
    {
        // Given a vmdesc in the 10.0 shape: a non-compressible array described per element, the last without "index",
        // and a pointer array whose null run is its own entry (spec §12)
        var json = """
            {"page_size": 4096, "devices": [{"name": "dev", "instance_id": 0, "vmsd_name": "dev", "version": 1, "fields": [
              {"name": "a", "index": 0, "type": "struct", "struct": {"vmsd_name": "dev/a", "version": 1, "fields": [{"name": "x", "type": "uint32", "size": 4}]}, "size": 4},
              {"name": "a", "index": 1, "type": "struct", "struct": {"vmsd_name": "dev/a", "version": 1, "fields": [{"name": "x", "type": "uint32", "size": 4}],
                                                                       "subsections": [{"vmsd_name": "dev/a/s", "version": 1, "fields": []}]}, "size": 11},
              {"name": "a", "type": "struct", "struct": {"vmsd_name": "dev/a", "version": 1, "fields": [{"name": "x", "type": "uint32", "size": 4}]}, "size": 4},
              {"name": "p", "array_len": 2, "type": "nullptr", "size": 1},
              {"name": "p", "array_len": 3, "type": "uint64", "size": 8},
              {"name": "b", "type": "uint8", "size": 1}]}]}
            """;

        // When it is converted
        var vmsd = VmDescriptionSchemaConverter.ToVmsd(VmDescription.Parse(Encoding.UTF8.GetBytes(json)).Devices[0].Vmsd);

        // Then a is one 3-element struct array listing every subsection its elements sent, p one 5-element uint64 array
        Assert.Equal(["a", "p", "b"], vmsd.Fields.Select(f => f.Name));
        Assert.Equal(3, vmsd.Fields[0].ArrayLength);
        Assert.Equal(["dev/a/s"], vmsd.Fields[0].Struct!.Subsections.Select(s => s.Name));
        Assert.Equal(5, vmsd.Fields[1].ArrayLength);
        Assert.Equal("uint64", vmsd.Fields[1].Type);
        Assert.Null(vmsd.Fields[2].ArrayLength);
    }

    [Fact]
    public void An_extracted_vmdesc_JSON_is_recognised_by_its_devices_key()
    {
        // Given the vmdesc extracted from the 5.2 pseries stream (the stand-in for the truncated 5.2 dump)
        // When it is loaded
        var schema = SchemaFixtures.Load("vmstate/stream-vmdesc-same-5.2-pseries.json.gz");

        // Then it is a stream description with the 5.2 spapr_iommu version
        Assert.Equal(SchemaInputKind.VmDescriptionJson, schema.InputKind);
        Assert.Equal(SchemaSource.StreamDescription, schema.Source);
        Assert.Equal(2, schema.FindSection("spapr_iommu", 0x80000000)!.VersionId);
    }
}
