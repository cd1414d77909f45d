using System.Text.Json;
using Tern.Lab.Installation;
using Tern.Lab.Profiles;

namespace Tern.Lab.Tests;

public sealed class ProfileTests
{
    private static async Task<JsonDocument> ProfileAsync(string label, ProfileOptions options) =>
        JsonDocument.Parse(await ProfileGenerator.GenerateAsync(QemuInstallation.Find(LabFixture.Require(label), label), options, TestContext.Current.CancellationToken));

    [Fact]
    public async Task A_ppc64_profile_of_10_0_13_has_the_cap_defaults_and_default_CPUs_the_fixtures_recorded()
    {
        using var doc = await ProfileAsync("10.0.13", new ProfileOptions { Arch = "ppc64", Machines = ["pseries-5.2", "pseries-10.0"] });
        var p = doc.RootElement;
        var fixtures = File.ReadLines(Path.Combine(LabFixture.FixturesDir, "vmstate", "machine-props.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("package").GetString()!.Contains("10.0.13", StringComparison.Ordinal) && r.GetProperty("cpu").ValueKind == JsonValueKind.Null)
            .ToDictionary(r => r.GetProperty("machine").GetString()!);

        Assert.Equal("tern-lab-profile/1", p.GetProperty("format").GetString());
        Assert.Equal(13, p.GetProperty("qemu").GetProperty("queryVersion").GetProperty("micro").GetInt32());
        var machines = p.GetProperty("machines").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!);
        Assert.Equal("power9_v2.2", machines["pseries-5.2"].GetProperty("defaultCpu").GetString()); // changed in 10.0 (fixtures README)
        Assert.Contains(p.GetProperty("cpuModels").EnumerateArray(), c => c.GetProperty("name").GetString() == "power10_v2.0");
        var samples = p.GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(2, samples.Count);
        var compared = 0;
        foreach (var s in samples)
        {
            var machine = s.GetProperty("machine").GetString()!;
            Assert.True(s.GetProperty("streamBytes").GetInt64() > 1_000_000);
            Assert.Contains(s.GetProperty("vmdesc").GetProperty("devices").EnumerateArray(), d => d.GetProperty("name").GetString() == "spapr");
            if (!fixtures.TryGetValue(machine, out var expected)) continue;
            foreach (var cap in expected.EnumerateObject().Where(c => c.Name.StartsWith("cap-", StringComparison.Ordinal)))
            {
                var actual = s.GetProperty("machineProperties").GetProperty(cap.Name).GetProperty("value");
                Assert.True(JsonElement.DeepEquals(cap.Value, actual), $"{machine} {cap.Name}: fixture {cap.Value}, profile {actual}");
                compared++;
            }
        }
        Assert.True(compared >= 10, $"only {compared} cap values compared");
        var sbbc = samples.Single(s => s.GetProperty("machine").GetString() == "pseries-5.2").GetProperty("machineProperties").GetProperty("cap-sbbc").GetProperty("value").GetString();
        Assert.Equal("broken", sbbc); // 10.0 defaults cap-sbbc to broken even for pseries-5.2 (fixtures README)
    }

    [Fact]
    public async Task An_aarch64_profile_extracts_the_cpreg_list_from_a_real_stream()
    {
        using var doc = await ProfileAsync("7.2", new ProfileOptions { Arch = "aarch64", Machines = ["virt-7.2"], Cpus = ["cortex-a57"] });
        var sample = doc.RootElement.GetProperty("samples").EnumerateArray().Single();

        var cpregs = sample.GetProperty("cpregs");
        var indexes = cpregs.GetProperty("indexes").EnumerateArray().Select(i => Convert.ToUInt64(i.GetString(), 16)).ToList();

        Assert.True(indexes.Count > 100, $"{indexes.Count} cpregs");
        Assert.Equal(indexes.Count, cpregs.GetProperty("count").GetInt32());
        Assert.Equal(indexes.Count, cpregs.GetProperty("values").GetArrayLength());
        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.All(indexes, i => Assert.True(i >> 56 is 0x40 or 0x60, $"0x{i:x16} is not a KVM_REG_ARM/ARM64 register id"));
        Assert.Contains(sample.GetProperty("sections").EnumerateArray(), s => s.GetProperty("idstr").GetString() == "cpu");
        Assert.Contains(sample.GetProperty("vmdesc").GetProperty("devices").EnumerateArray(), d => d.GetProperty("name").GetString() == "cpu");
    }

    [Fact]
    public async Task Lab_list_reports_the_query_version_of_every_installed_QEMU()
    {
        LabFixture.Require();

        var (exit, stdout, stderr) = await CliProcess.RunAsync(["lab", "list", "--json"], TestContext.Current.CancellationToken);

        Assert.True(exit == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var rows = doc.RootElement.EnumerateArray().ToList();
        foreach (var label in LabFixture.Labels)
        {
            var ppc = rows.Single(r => r.GetProperty("label").GetString() == label && r.GetProperty("arch").GetString() == "ppc64");
            var expected = label == "5.2" ? "5.2.0" : label == "7.2" ? "7.2.22" : label;
            Assert.StartsWith(expected + " (Debian", ppc.GetProperty("queryVersion").GetString(), StringComparison.Ordinal);
        }
    }
}
