using System.Text;
using Tern.Schema;

namespace Tern.Tests.Schema;

public sealed class SchemaLoaderTests
{
    [Fact]
    public void A_file_that_starts_with_QEVM_is_read_as_a_stream()
    {
        // Given a real stream's bytes, which start with 51 45 56 4D
        var bytes = SchemaFixtures.Bytes("streams/same-7.2-pseries.stream.gz");
        Assert.Equal("QEVM"u8.ToArray(), bytes[..4]);

        // When loaded, then it is a stream
        Assert.Equal(SchemaInputKind.MigrationStream, SchemaLoader.Load(bytes, "s").InputKind);
    }

    [Fact]
    public void JSON_with_vmschkmachine_is_read_as_a_dump()
    {
        // Given the smallest dump: only the machine key (spec §14.1)
        var json = """{"vmschkmachine": {"Name": "pseries-7.2"}}""";

        // When loaded
        var schema = SchemaLoader.Load(Encoding.UTF8.GetBytes(json), "d");

        // Then it is a dump for that machine type, with no sections
        Assert.Equal(SchemaInputKind.VmstateDump, schema.InputKind);
        Assert.Equal("pseries-7.2", schema.MachineType);
        Assert.Empty(schema.Sections);
    }

    [Fact]
    public void JSON_that_is_neither_a_dump_nor_a_vmdesc_is_refused_with_a_clear_reason()
    {
        // Given JSON with neither "vmschkmachine" nor "devices", when loaded, then the error says what was expected
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load("""{"hello": 1}"""u8.ToArray(), "x.json"));
        Assert.Equal("$", e.JsonPath);
        Assert.Contains("neither a -dump-vmstate file", e.Message);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        // Given an empty file, when loaded, then the error says so
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load([], "empty.json"));
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Broken_JSON_reports_the_path_of_the_object_it_breaks_in()
    {
        // Given a dump cut off inside the second field of a description, as when QEMU 5.2 crashed while writing one
        var json = """
            {"vmschkmachine": {"Name": "pc"}, "dev": {"Name": "dev", "version_id": 1, "minimum_version_id": 1,
             "Description": {"name": "dev", "version_id": 1, "minimum_version_id": 1,
             "Fields": [{"field": "a", "version_id": 0, "field_exists": false, "size": 4}, {"field": 
            """;

        // When it is loaded
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(Encoding.UTF8.GetBytes(json), "cut.json"));

        // Then the path leads to that field
        Assert.Equal("$.dev.Description.Fields[1].field", e.JsonPath);
        Assert.Equal("cut.json", e.Origin);
    }

    [Fact]
    public void A_stream_without_a_vmdesc_trailer_is_refused()
    {
        // Given a stream header with an EOF and no vmdesc
        byte[] bytes = [0x51, 0x45, 0x56, 0x4d, 0, 0, 0, 3, 0x1f];

        // When loaded, then it is refused, naming the input
        var e = Assert.Throws<SchemaException>(() => SchemaLoader.Load(bytes, "novmdesc"));
        Assert.Equal("novmdesc", e.Origin);
    }
}
