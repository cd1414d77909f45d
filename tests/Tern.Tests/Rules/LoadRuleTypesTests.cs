using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Rules;

namespace Tern.Tests.Rules;

/// <summary>
/// The rule types hold QEMU's decision and words once for diff and check. Expected lines are what real QEMU printed
/// (tests/fixtures/outcomes.jsonl, lab-outcomes.jsonl, and the lab runs named in each test), not what the code builds.
/// </summary>
public sealed class LoadRuleTypesTests
{
    [Theory]
    [InlineData(1, 2, 2, VersionCheck.TooOld)]   // 5.2's virtio-iommu into 7.2 (real: refused)
    [InlineData(2, 2, 2, VersionCheck.Loads)]
    [InlineData(3, 2, 1, VersionCheck.TooNew)]
    [InlineData(1, 2, null, VersionCheck.Loads)] // a stream's own description says no minimum: nothing to refuse on
    public void A_version_loads_only_within_the_destinations_range(long incoming, long version, int? minimum, VersionCheck expected) =>
        Assert.Equal(expected, SectionVersionRule.Check(incoming, version, minimum));

    [Fact]
    public void The_too_old_line_is_the_one_QEMU_7_2_printed_for_5_2s_virtio_iommu() =>
        // Real: lab run 5.2 → 7.2, virt-5.2, -device virtio-iommu-pci (DeviceConfigurationTests), note QEMU's two spaces.
        Assert.Equal("virtio-iommu: incoming version_id 1 is too old for local minimum version_id  2", SectionVersionRule.TooOld("virtio-iommu", 1, 2));

    [Fact]
    public void The_unknown_section_line_is_the_one_QEMU_10_0_2_printed_for_7_2s_icp_server()
    {
        var real = Support.Outcome.Fixtures().Select(o => o.FirstError).First(e => e is not null && e.Contains("'icp/server'", StringComparison.Ordinal));
        Assert.Equal(real, UnknownSectionRule.Message("icp/server", 0));
    }

    [Theory]
    [InlineData("pseries-7.2", "pseries-7.2", true)]
    [InlineData("pseries-7.2", "pseries-10.0", false)]
    [InlineData("", "pseries-7.2", false)]
    public void The_machine_type_must_name_the_destinations(string received, string local, bool accepted) =>
        Assert.Equal(accepted, MachineTypeRule.Accepts(received, local));

    [Fact]
    public void The_destination_minimum_comes_from_its_profiles_dump()
    {
        // QEMU 7.2's aarch64 -dump-vmstate: virtio-iommu loads from version 2 (real QEMU 7.2 refused 5.2's version 1),
        // ne2k_pci's "ne2000" from 3.
        var findings = new List<Finding>();
        var missing = new List<string>();
        var host = HostResolver.Resolve(HostSpecParser.Parse("qemu-7.2 -machine virt-7.2 -cpu cortex-a57 -accel tcg"), MigrationEnd.Destination, KnowledgeBase.Default, findings, missing)!;
        var catalog = DestinationCatalog.For(host);
        Assert.Equal(2, catalog.MinimumVersion("virtio-iommu"));
        Assert.Equal(3, catalog.MinimumVersion("ne2000"));
        Assert.Null(catalog.MinimumVersion("no-such-vmsd"));
    }

    [Fact]
    public void A_vmsd_name_two_sections_share_with_different_minimums_gives_no_minimum()
    {
        // Two device classes whose VMSDs are both named "dev" but load from different versions, and a subsection.
        const string json = """
            {
              "vmschkmachine": { "Name": "any" },
              "a-dev": { "Name": "a-dev", "version_id": 3, "minimum_version_id": 2,
                         "Description": { "name": "dev", "version_id": 3, "minimum_version_id": 2, "Fields": [],
                           "Subsections": [ { "name": "dev/sub", "version_id": 2, "minimum_version_id": 2, "Fields": [], "Subsections": [] } ] } },
              "b-dev": { "Name": "b-dev", "version_id": 3, "minimum_version_id": 1,
                         "Description": { "name": "dev", "version_id": 3, "minimum_version_id": 1, "Fields": [], "Subsections": [] } }
            }
            """;
        using var gz = new MemoryStream();
        using (var z = new System.IO.Compression.GZipStream(gz, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            z.Write(System.Text.Encoding.UTF8.GetBytes(json));
        var dump = new Tern.Knowledge.Profiles.ProfileDump { Sha256 = "00", Data = gz.ToArray() };

        var registered = Tern.Knowledge.Profiles.ProfileKnowledge.DumpVmstate(dump, "test.json");

        Assert.False(registered.MinimumVersions.ContainsKey("dev"));
        Assert.Equal(2, registered.MinimumVersions["dev/sub"]);
        Assert.Equal(2u, registered.Subsections["dev/sub"]);
    }

    [Fact]
    public void Docs_rules_md_gives_each_rule_the_source_its_type_cites()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "rules.md"))) dir = dir.Parent;
        Assert.NotNull(dir);
        var doc = File.ReadAllText(Path.Combine(dir.FullName, "docs", "rules.md"));
        foreach (var rule in Enum.GetValues<LoadRule>())
            Assert.Contains($"| `{RuleBook.Id(rule)}` | {RuleBook.Source(rule)} |", doc, StringComparison.Ordinal);
    }
}
