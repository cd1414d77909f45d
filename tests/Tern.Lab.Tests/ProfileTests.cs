using System.Text.Json;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Profiles;

namespace Tern.Lab.Tests;

public sealed class ProfileTests
{
    private static Task<HostProfile> ProfileAsync(string label, HostProfilerOptions options) =>
        HostProfiler.ProfileAsync(QemuInstallation.Find(LabFixture.Require(label), label), options, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_ppc64_profile_of_10_0_13_has_the_cap_defaults_and_default_CPUs_the_fixtures_recorded()
    {
        var p = await ProfileAsync("10.0.13", new HostProfilerOptions { Arch = "ppc64", Machines = ["pseries-5.2", "pseries-10.0"], Cpus = [] });
        // The referee: qom-get answers recorded by a different tool (the fixtures' probe scripts), not by this profiler.
        var fixtures = File.ReadLines(Path.Combine(LabFixture.FixturesDir, "vmstate", "machine-props.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("package").GetString()!.Contains("10.0.13", StringComparison.Ordinal) && r.GetProperty("cpu").ValueKind == JsonValueKind.Null)
            .ToDictionary(r => r.GetProperty("machine").GetString()!);

        Assert.Equal("tern-profile/1", p.Format);
        Assert.Equal("measured", p.Provenance);
        Assert.Equal("10.0.13", p.Qemu.Version);
        Assert.StartsWith("sha256:", p.Qemu.BuildId, StringComparison.Ordinal);
        var machines = p.Machines.ToDictionary(m => m.Name);
        Assert.Equal("power9_v2.2", machines["pseries-5.2"].DefaultCpu); // changed in 10.0 (fixtures README)
        Assert.Equal("0x00801200", p.CpuModels.Single(c => c.Name == "power10_v2.0").Pvr);
        Assert.Equal("power9_v2.2", p.CpuModels.Single(c => c.Name == "power9").AliasOf);
        Assert.Equal(2, p.Samples.Count);
        var compared = 0;
        foreach (var s in p.Samples)
        {
            Assert.True(s.StreamBytes > 1_000_000);
            Assert.Contains(s.Sections, x => x.IdStr == "spapr");
            Assert.NotNull(s.Template);
            Assert.NotNull(machines[s.Machine].Dump);
            if (!fixtures.TryGetValue(s.Machine, out var expected)) continue;
            foreach (var cap in expected.EnumerateObject().Where(c => c.Name.StartsWith("cap-", StringComparison.Ordinal)))
            {
                var want = cap.Value.ValueKind switch { JsonValueKind.True => "on", JsonValueKind.False => "off", JsonValueKind.String => cap.Value.GetString(), _ => cap.Value.GetRawText() };
                Assert.True(s.Caps.TryGetValue(cap.Name, out var actual) && actual == want, $"{s.Machine} {cap.Name}: fixture {want}, profile {actual}");
                compared++;
            }
        }
        Assert.True(compared >= 10, $"only {compared} cap values compared");
        Assert.Equal("broken", machines["pseries-5.2"].Caps["cap-sbbc"]); // 10.0 defaults cap-sbbc to broken even for pseries-5.2 (fixtures README)
        Assert.Single(p.Dumps); // the same dump for every machine type once its machine key is set aside
    }

    [Fact]
    public async Task An_aarch64_profile_extracts_the_cpreg_list_from_a_real_stream()
    {
        var p = await ProfileAsync("7.2", new HostProfilerOptions { Arch = "aarch64", Machines = ["virt-7.2"], Cpus = ["cortex-a57"] });
        var sample = p.Samples.Single(s => s.Cpu == "cortex-a57");

        var indexes = sample.CpregIndexes!.Select(i => Convert.ToUInt64(i, 16)).ToList();

        Assert.True(indexes.Count > 100, $"{indexes.Count} cpregs");
        Assert.Equal(indexes.Count, sample.CpregValues!.Count);
        Assert.Equal(indexes.Count, indexes.Distinct().Count());
        Assert.All(indexes, i => Assert.True(i >> 56 is 0x40 or 0x60, $"0x{i:x16} is not a KVM_REG_ARM/ARM64 register id"));
        Assert.Contains(sample.Sections, s => s.IdStr == "cpu");
        Assert.Contains("cpu/vfp", sample.Subsections.Keys);
    }

    [Fact]
    public async Task A_profile_written_and_read_back_is_the_same_and_a_binary_outside_the_lab_profiles_like_the_lab()
    {
        var ct = TestContext.Current.CancellationToken;
        var dir = LabFixture.TempDir("profile-cli");
        try
        {
            var wrapper = Path.Combine(LabFixture.Require("7.2"), "7.2", "bin", "qemu-system-ppc64");
            var file = Path.Combine(dir, "p" + HostProfileFile.Extension);
            var (exit, stdout, stderr) = await CliProcess.RunAsync(["profile", "--qemu", wrapper, "--machines", "pseries-7.2", "--cpus", "power8", "-o", file, "--json"], ct);
            Assert.True(exit == 0, stderr);
            using var summary = JsonDocument.Parse(stdout);
            Assert.Equal("7.2.22", summary.RootElement.GetProperty("label").GetString());
            var p = HostProfileFile.Read(file);
            Assert.Equal("7.2.22", p.Label);
            Assert.Contains(p.Samples, s => s.Cpu == "power8" && s.Error is null);
            // The lab's own binary through the lab and the same binary through its wrapper are one build.
            var lab = await ProfileAsync("7.2", new HostProfilerOptions { Arch = "ppc64", Machines = ["pseries-7.2"], Cpus = [] });
            Assert.Equal(lab.Qemu.BuildId, p.Qemu.BuildId);
            Assert.Equal(lab.Samples.Single().Sections, p.Samples.Single(s => s.Cpu is null).Sections);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
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
