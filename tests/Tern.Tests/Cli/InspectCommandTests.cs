using System.IO.Compression;
using System.Text.Json;
using Tern.Cli.Commands;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Cli;

public sealed class InspectCommandTests
{
    private static string Fixture(string name) => Fixtures.StreamPath(name);

    [Fact]
    public void Summary_names_the_machine_sections_and_ram_blocks()
    {
        var r = TernProcess.Run("inspect", Fixture("same-7.2-pseries"), "--summary-json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var root = doc.RootElement;
        Assert.Equal("pseries-7.2", root.GetProperty("machine").GetString());
        Assert.True(root.GetProperty("vmdesc").GetBoolean());
        var ram = root.GetProperty("ramBlocks")[0];
        Assert.Equal("ppc_spapr.ram", ram.GetProperty("name").GetString());
        // 256 MiB guest (-m 256 in tests/fixtures/outcomes.jsonl), 4 KiB pages: every page is sent once, zero or normal.
        Assert.Equal(256L << 20, ram.GetProperty("usedLength").GetInt64());
        Assert.Equal(65536, ram.GetProperty("zeroPages").GetInt64() + ram.GetProperty("normalPages").GetInt64());
        var cpu = root.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("idstr").GetString() == "cpu");
        Assert.Equal(5, cpu.GetProperty("versionId").GetInt32());
        Assert.Contains("cpu/slb", cpu.GetProperty("subsections").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Json_shows_device_fields_with_analyze_migration_names()
    {
        var r = TernProcess.Run("inspect", Fixture("same-7.2-virt-a57"), "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal("ram (2)", keys[0]);
        Assert.Contains("cpu (7)", keys);
        var cpu = doc.RootElement.GetProperty("cpu (7)");
        Assert.Equal(JsonValueKind.Array, cpu.GetProperty("cpreg_vmstate_indexes").ValueKind);
        Assert.StartsWith("0x", cpu.GetProperty("cpreg_vmstate_array_len").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Roundtrip_is_identical_for_a_real_stream_read_from_stdin()
    {
        var gz = File.ReadAllBytes(Fixture("same-5.2-virt-max"));
        var r = TernProcess.Run(gz, "inspect", "-", "--roundtrip");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("round trip identical: 943562 bytes", r.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Roundtrip_refuses_a_RAM_block_id_that_is_not_UTF8_instead_of_rewriting_it()
    {
        // A RAM block id that is not UTF-8 cannot be kept as a name (it would be written back as U+FFFD, found by the
        // roundtrip fuzz target): the reader refuses it where it is read, as QEMU fails its block lookup.
        var bytes = Fixtures.StreamBytes("same-7.2-virt-a57").ToArray();
        var at = bytes.AsSpan().IndexOf("\u000dmach-virt.ram"u8);
        bytes[at + 1] = 0xff;
        var path = Path.Combine(Path.GetTempPath(), $"tern-rt-{Guid.NewGuid():n}.stream");
        File.WriteAllBytes(path, bytes);
        try
        {
            var r = TernProcess.Run("inspect", path, "--roundtrip");
            Assert.Equal(3, r.ExitCode);
            Assert.Contains("in section 'ram': a MEM_SIZE block id is not valid UTF-8 (FF6163682D766972742E72616D)", r.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Json_refuses_a_vmdesc_field_of_two_billion_empty_elements_instead_of_writing_them()
    {
        // Given a real stream whose vmdesc gains a field of 2 000 000 000 elements of 0 bytes in its first device (the
        // body still frames: the field takes no bytes). Before, inspect --json wrote each element: 7.7 GB in 20 s.
        var bytes = Fixtures.StreamBytes("same-10.0.13-virt-a57").ToArray();
        var start = VmDescriptionLocator.FindTrailer(bytes) + 5;
        var length = bytes.Length - start;
        var vmdesc = System.Text.Json.Nodes.JsonNode.Parse(bytes.AsSpan(start, length))!;
        var device = vmdesc["devices"]![0]!;
        device["fields"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject { ["name"] = "hostile", ["type"] = "buffer", ["size"] = 0, ["array_len"] = 2_000_000_000 });
        var json = System.Text.Encoding.UTF8.GetBytes(vmdesc.ToJsonString());
        var hostile = bytes.AsSpan(0, start - 5).ToArray().Concat(new byte[] { 0x06 }).Concat(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(json.Length))).Concat(json).ToArray();
        var path = Path.Combine(Path.GetTempPath(), $"tern-empty-{Guid.NewGuid():n}.stream");
        File.WriteAllBytes(path, hostile);
        try
        {
            // When it is printed as state, then one line names the field and the offset, and nothing unbounded is written
            var r = TernProcess.Run("inspect", path, "--json");
            Assert.Equal(3, r.ExitCode);
            Assert.Contains($"{device["name"]}.hostile", r.StdErr, StringComparison.Ordinal);
            Assert.Contains("2000000000 elements of 0 bytes", r.StdErr, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.StdErr, StringComparison.Ordinal);
            Assert.True(r.StdOut.Length < 1 << 20, $"{r.StdOut.Length} characters written");
        }
        finally
        {
            File.Delete(path);
        }
    }


    [Fact]
    public void Garbage_input_exits_3_with_the_offset()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tern-bad-{Guid.NewGuid():n}.bin");
        File.WriteAllBytes(path, "this is not a stream"u8.ToArray());
        try
        {
            var r = TernProcess.Run("inspect", path);
            Assert.Equal(3, r.ExitCode);
            Assert.Contains("at offset 0", r.StdErr, StringComparison.Ordinal);
            Assert.Contains("Not a migration stream", r.StdErr, StringComparison.Ordinal);
            Assert.Equal("this is not a stream", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bad_usage_exits_2()
    {
        Assert.Equal(2, TernProcess.Run("inspect").ExitCode);
        Assert.Equal(2, TernProcess.Run("inspect", Fixture("same-7.2-virt-a57"), "--json", "--desc").ExitCode);
        Assert.Equal(2, TernProcess.Run("no-such-verb").ExitCode);
    }

    [Fact]
    public void Missing_file_exits_3()
    {
        var r = TernProcess.Run("inspect", "/nonexistent/stream");
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("/nonexistent/stream", r.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public void Desc_prints_the_vmdesc()
    {
        var r = TernProcess.Run("inspect", Fixture("same-10.0.13-pseries"), "--desc");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.StdOut);
        Assert.Equal(4096, doc.RootElement.GetProperty("page_size").GetInt32());
        Assert.True(doc.RootElement.TryGetProperty("configuration", out _)); // 8.2+ streams describe their configuration
    }

    [Fact]
    public void Extract_writes_each_block_with_the_guest_bytes()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"tern-x-{Guid.NewGuid():n}");
        try
        {
            var r = TernProcess.Run("inspect", Fixture("same-7.2-virt-a57"), "--extract", dir);
            Assert.Equal(0, r.ExitCode);
            var ram = Path.Combine(dir, "mach-virt.ram");
            Assert.Equal(256L << 20, new FileInfo(ram).Length);
            var acpi = Path.Combine(dir, "_rom@etc", "acpi", "tables");
            Assert.True(File.Exists(Path.Combine(dir, "rom@etc", "acpi", "tables")) || File.Exists(acpi), string.Join(",", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)));
            // The ACPI RSDP the guest firmware reads starts with its signature.
            var rsdp = File.ReadAllBytes(Path.Combine(dir, "rom@etc", "acpi", "rsdp"));
            Assert.Equal("RSD PTR "u8.ToArray(), rsdp.AsSpan(0, 8).ToArray());
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/../..")]
    [InlineData("..")]
    [InlineData("a/../../b")]
    public void Block_names_never_escape_the_extract_directory(string name)
    {
        var root = Path.Combine(Path.GetTempPath(), "tern-root");
        var path = RamExtractor.SafePath(root, name);
        Assert.StartsWith(root + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_is_detected_by_content_not_by_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tern-gz-{Guid.NewGuid():n}.raw");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        {
            gz.Write(Fixtures.StreamBytes("same-7.2-virt-a57"));
        }
        try
        {
            Assert.Equal(0, TernProcess.Run("inspect", path, "--roundtrip").ExitCode);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
