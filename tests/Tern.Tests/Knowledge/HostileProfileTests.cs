using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tern.Knowledge.Profiles;

namespace Tern.Tests.Knowledge;

/// <summary>
/// Profiles the fuzz target (<c>profile</c>) and its seeds broke: each is read or refused with a
/// <see cref="ProfileFormatException"/> naming the field, never a NullReference, Format or InvalidData exception.
/// </summary>
public sealed class HostileProfileTests
{
    private const string File = "hostile.tern-profile.json";

    private static JsonObject Header() => new()
    {
        ["format"] = "tern-profile/1", ["provenance"] = "measured", ["label"] = "11.1.3", ["arch"] = "ppc64",
        ["qemu"] = new JsonObject { ["version"] = "11.1.3" },
    };

    private static JsonObject WithSample(JsonObject sample)
    {
        var json = Header();
        json["machines"] = new JsonArray(new JsonObject { ["name"] = "pseries-11.1" });
        sample["machine"] ??= "pseries-11.1";
        sample["args"] ??= new JsonArray("-machine", "pseries-11.1");
        json["samples"] = new JsonArray(sample);
        return json;
    }

    private static byte[] Bytes(JsonNode json) => Encoding.UTF8.GetBytes(json.ToJsonString());

    private static HostProfile Read(JsonNode json) => HostProfileFile.Read(Bytes(json), File);

    private static string Gzip(byte[] data)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(data);
        return Convert.ToBase64String(ms.ToArray());
    }

    [Fact]
    public void A_profile_without_its_optional_lists_reads_them_as_empty()
    {
        // Given a profile of only the header fields (before: the source generator left the lists null)
        var profile = Read(Header());

        // Then the lists are empty, the build strings too, and it converts to knowledge
        Assert.Empty(profile.Machines);
        Assert.Empty(profile.Samples);
        Assert.Empty(profile.Dumps);
        Assert.Equal("", profile.Qemu.BuildId);
        var knowledge = ProfileKnowledge.ToQemuProfile([(profile, File)]);
        Assert.Empty(knowledge.Templates);
        Assert.Equal("11.1.3", HostProfileFile.ReadHeader(Bytes(Header()), File).Label);
    }

    [Theory]
    [InlineData("label", "$.label")]
    [InlineData("qemu", "$.qemu")]
    [InlineData("machines", "$.machines")]
    public void An_explicit_null_is_refused_with_its_path(string key, string field)
    {
        var json = Header();
        json[key] = null;

        var e = Assert.Throws<ProfileFormatException>(() => Read(json));

        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void Null_elements_and_values_are_refused_with_their_path()
    {
        var json = Header();
        json["machines"] = new JsonArray(new JsonObject { ["name"] = "pseries-11.1", ["caps"] = new JsonObject { ["cap-htm"] = null } });
        Assert.Equal("$.machines[0].caps.cap-htm", Assert.Throws<ProfileFormatException>(() => Read(json)).Field);

        json["machines"] = new JsonArray(null, new JsonObject { ["name"] = "pseries-11.1" });
        Assert.Equal("$.machines[0]", Assert.Throws<ProfileFormatException>(() => Read(json)).Field);

        json = WithSample(new JsonObject { ["args"] = new JsonArray("-S", null) });
        Assert.Equal("$.samples[0].args[1]", Assert.Throws<ProfileFormatException>(() => Read(json)).Field);

        json = WithSample(new JsonObject { ["cpregIndexes"] = new JsonArray((string?)null), ["cpregValues"] = new JsonArray("0x0") });
        Assert.Equal("$.samples[0].cpregIndexes[0]", Assert.Throws<ProfileFormatException>(() => Read(json)).Field);
    }

    [Fact]
    public void A_field_name_that_is_not_UTF8_before_the_format_is_refused()
    {
        // Before: InvalidOperationException from Utf8JsonReader.GetString in the format check
        var input = "{\"\xff\":1,\"format\":\"tern-profile/1\"}"u8.ToArray();
        input[2] = 0xff;

        Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(input, File));
        Assert.Throws<ProfileFormatException>(() => HostProfileFile.ReadHeader(input, File));
    }

    [Fact]
    public void A_format_value_that_is_not_UTF8_is_refused()
    {
        var input = "{\"format\":\"tern-profile/\xff\"}"u8.ToArray();
        input[Array.IndexOf(input, (byte)'/') + 1] = 0xff;

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(input, File));

        Assert.Equal("$.format", e.Field);
    }

    [Fact]
    public void A_sample_whose_arguments_do_not_parse_is_named_when_it_becomes_a_template()
    {
        // Before: the FormatException of HostSpecParser, without the file
        var json = WithSample(new JsonObject { ["args"] = new JsonArray("-machine"), ["template"] = Gzip([1, 2, 3]) });
        var profile = Read(json);

        var e = Assert.Throws<ProfileFormatException>(() => ProfileKnowledge.ToQemuProfile([(profile, File)]));

        Assert.Equal("$.samples[0].args", e.Field);
        Assert.StartsWith(File + ": ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AA=A")] // base64 characters, but not base64
    [InlineData("AA A")] // not base64 characters
    public void A_template_that_is_not_base64_is_named_when_the_profile_is_read(string template)
    {
        var json = WithSample(new JsonObject { ["template"] = template });

        var e = Assert.Throws<ProfileFormatException>(() => Read(json));

        Assert.Equal("$.samples[0].template", e.Field);
        Assert.Contains("is not base64", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dump_that_is_not_base64_is_named_when_the_profile_is_read()
    {
        var json = Header();
        json["dumps"] = new JsonArray(new JsonObject { ["sha256"] = "ab", ["data"] = "#" });

        var e = Assert.Throws<ProfileFormatException>(() => Read(json));

        Assert.Equal("$.dumps[0].data", e.Field);
    }

    [Fact]
    public void A_template_that_is_base64_but_not_gzip_is_named_when_it_is_read()
    {
        var json = WithSample(new JsonObject { ["template"] = "AAAA" });
        var t = Assert.Single(ProfileKnowledge.ToQemuProfile([(Read(json), File)]).Templates);

        var e = Assert.Throws<ProfileFormatException>(() => t.ReadBytes());

        Assert.Equal("$.samples[0].template", e.Field);
    }

    [Fact]
    public void A_gzip_size_trailer_that_lies_costs_no_allocation_of_its_claim_and_is_refused()
    {
        // Given a template and a dump whose gzip ISIZE claims 200 MB for 5 bytes of data
        var gz = Convert.FromBase64String(Gzip("hello"u8.ToArray()));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 200u << 20);
        var data = Convert.ToBase64String(gz);
        var json = WithSample(new JsonObject { ["template"] = data });
        json["dumps"] = new JsonArray(new JsonObject { ["sha256"] = "ab", ["data"] = data });
        var knowledge = ProfileKnowledge.ToQemuProfile([(Read(json), File)]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        // When both are decoded, they are refused as the profile's own errors
        Assert.Throws<ProfileFormatException>(() => Assert.Single(knowledge.Templates).ReadBytes());
        Assert.Throws<ProfileFormatException>(() => knowledge.Arches.Values.Single().Registered!());

        // Then the claim was not allocated (before: one 200 MB array each)
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Fact]
    public void A_gzip_size_trailer_larger_than_the_data_is_invalid_data_not_end_of_stream()
    {
        var gz = Convert.FromBase64String(Gzip(new byte[4096]));
        BinaryPrimitives.WriteUInt32LittleEndian(gz.AsSpan(gz.Length - 4), 8192);

        Assert.Throws<InvalidDataException>(() => Tern.Knowledge.StreamTemplate.Gunzip(new MemoryStream(gz)));
    }

    [Fact]
    public void Reading_bytes_and_reading_the_file_give_the_same_profile()
    {
        var bytes = System.IO.File.ReadAllBytes(HostProfileFileTests.RealProfile);

        var fromBytes = HostProfileFile.Read(bytes, "x");
        var fromFile = HostProfileFile.Read(HostProfileFileTests.RealProfile);

        Assert.Equal(fromFile.Qemu, fromBytes.Qemu);
        Assert.Equal(fromFile.Machines.Select(m => m.Name), fromBytes.Machines.Select(m => m.Name));
        Assert.Equal(fromFile.Samples.Select(s => s.Template), fromBytes.Samples.Select(s => s.Template));
        Assert.Equal(HostProfileFile.ReadHeader(HostProfileFileTests.RealProfile) with { Path = "x" }, HostProfileFile.ReadHeader(bytes, "x"));
    }
}
