using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Tern.Knowledge.Profiles;
using Tern.Tests.Support;

namespace Tern.Tests.Knowledge;

/// <summary>Profile files from elsewhere: a real one reads; broken, truncated, foreign and newer ones fail naming the file and the field.</summary>
public sealed class HostProfileFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tern-profile-test-").FullName;

    /// <summary>A real profile of QEMU 11.1.3 (qemu-system-ppc64 from Debian sid), made by `tern profile`.</summary>
    public static string RealProfile => Path.Combine(Fixtures.Root, "profiles", "11.1.3-ppc64.tern-profile.json.gz");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject RealJson()
    {
        using var gz = new GZipStream(File.OpenRead(RealProfile), CompressionMode.Decompress);
        return JsonNode.Parse(gz)!.AsObject();
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string WriteJson(string name, JsonNode json) => Write(name, Encoding.UTF8.GetBytes(json.ToJsonString()));

    [Fact]
    public void A_real_profile_reads_with_its_machines_CPU_models_samples_and_dump()
    {
        var p = HostProfileFile.Read(RealProfile);

        Assert.Equal("11.1.3", p.Label);
        Assert.Equal("ppc64", p.Arch);
        Assert.Equal("measured", p.Provenance);
        Assert.Contains(p.Machines, m => m.Name == "pseries-11.1" && m.Alias == "pseries" && m.DefaultCpu == "power11_v2.0");
        Assert.Contains(p.CpuModels, c => c.Name == "power11_v2.0" && c.Pvr == "0x00821200");
        Assert.Equal(3, p.Samples.Count);
        Assert.Single(p.Dumps);
        var header = HostProfileFile.ReadHeader(RealProfile);
        Assert.Equal(("11.1.3", "ppc64", p.Qemu.BuildId), (header.Label, header.Arch, header.BuildId));
    }

    [Fact]
    public void A_truncated_profile_names_the_file()
    {
        var bytes = File.ReadAllBytes(RealProfile);
        var path = Write("cut.tern-profile.json.gz", bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.StartsWith(path + ": ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused_with_its_position()
    {
        var path = Write("junk.tern-profile.json", "{\"format\": \"tern-profile/1\", \"label\": ]"u8.ToArray());

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.Contains("line 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_JSON_file_is_not_a_profile()
    {
        var path = WriteJson("vmdesc.json", new JsonObject { ["page_size"] = 4096, ["devices"] = new JsonArray() });

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.Equal("$.format", e.Field);
        Assert.Contains("not a Tern profile", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_profile_of_a_newer_format_asks_to_upgrade_Tern()
    {
        var json = RealJson();
        json["format"] = "tern-profile/2";
        json["newField"] = true;
        var path = WriteJson("new.tern-profile.json", json);

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.Contains("upgrade Tern", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_field_of_the_wrong_shape_is_named_by_its_path()
    {
        var json = RealJson();
        json["machines"]![0]!["cpuMax"] = "many";
        var path = WriteJson("shape.tern-profile.json", json);

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.Equal("$.machines[0].cpuMax", e.Field);
    }

    [Fact]
    public void A_bad_PVR_and_a_sample_of_an_unlisted_machine_are_named()
    {
        var json = RealJson();
        json["cpuModels"]![3]!["pvr"] = "POWER9";
        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(WriteJson("pvr.json", json)));
        Assert.Equal("$.cpuModels[3].pvr", e.Field);

        json = RealJson();
        json["samples"]![1]!["machine"] = "pseries-99.9";
        e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(WriteJson("machine.json", json)));
        Assert.Equal("$.samples[1].machine", e.Field);
    }

    [Fact]
    public void A_gzip_bomb_is_refused_before_it_is_read_whole()
    {
        var path = Path.Combine(_dir, "bomb.tern-profile.json.gz");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.SmallestSize))
        {
            gz.Write("{\"format\": \"tern-profile/1\", \"label\": \""u8);
            var zeros = new byte[1 << 20];
            Array.Fill(zeros, (byte)'a');
            for (var i = 0; i < (HostProfileFile.MaxJsonBytes >> 20) + 1; i++) gz.Write(zeros);
        }

        var e = Assert.Throws<ProfileFormatException>(() => HostProfileFile.Read(path));

        Assert.Contains("larger than", e.Message, StringComparison.Ordinal);
    }
}
