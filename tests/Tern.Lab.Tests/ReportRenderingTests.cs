using System.Text.Json;
using System.Text.RegularExpressions;
using Tern.Cli.Reports;
using Tern.Lab.Installation;
using Tern.Lab.Matrix;
using Tern.Lab.Migration;

namespace Tern.Lab.Tests;

public sealed partial class ReportRenderingTests
{
    private static MatrixRecord Record(IReadOnlyList<string> stderr) => new()
    {
        CellId = "0123456789abcdef", Key = "k", Arch = "ppc64", Machine = "pseries-7.2", Cpu = "(default)", Variant = "default", Transport = "file",
        SourceQemu = "7.2", SourceArgs = ["-machine", "pseries-7.2"], DestinationQemu = "5.2", DestinationArgs = ["-machine", "pseries-7.2"],
        Outcome = "load-failed", Exit = 1, Stderr = stderr, Agreement = "disagree", PredictedVerdict = "compatible", FindingCodes = ["x<y>"],
        BackOutcome = null, WallMs = 12.5, QemuMs = 10,
    };

    [Fact]
    public void QEMU_output_cannot_break_out_of_the_HTML_report()
    {
        var html = MatrixHtmlReport.Render([Record(["qemu-system-ppc64: </script><img src=x onerror=alert(1)> & \"quotes\""])]);

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Matches(html, "</script>").Count); // the data block and the code block, nothing else
        var json = DataBlock().Match(html).Groups[1].Value;
        using var doc = JsonDocument.Parse(json);
        Assert.Equal("qemu-system-ppc64: </script><img src=x onerror=alert(1)> & \"quotes\"", doc.RootElement.GetProperty("0123456789abcdef").GetProperty("stderr")[0].GetString());
        Assert.Contains("class=\"cell o-load-failed disagree\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_matrix_record_survives_a_JSON_round_trip()
    {
        var r = Record(["a", "b"]) with { BackOutcome = "load-failed", BackExit = 1, BackStderr = ["c"], ExpectedOutcome = "success", Regression = true, StreamBytes = 42, Signal = null };

        using var doc = JsonDocument.Parse(MatrixRecordJson.ToUtf8(r));
        var back = MatrixRecordJson.Read(doc.RootElement);

        Assert.Equal(JsonSerializerSafe(r), JsonSerializerSafe(back));
    }

    [Fact]
    public void The_tally_names_the_specific_QEMU_line_not_the_generic_one()
    {
        var r = Record(["qemu-system-ppc64: warning: TCG doesn't support requested feature, cap-cfpc=workaround",
            "qemu-system-ppc64: savevm: unsupported version 3 for 'spapr_iommu' v2",
            "qemu-system-ppc64: load of migration failed: Invalid argument"]);

        Assert.Equal("savevm: unsupported version 3 for 'spapr_iommu' v2", MatrixTally.Reason(r));
    }

    [Fact]
    public void The_tally_names_the_cause_of_a_chained_QEMU_line()
    {
        // Real QEMU 11.1.3 (10.2+ chains the load errors on one line), 5.2's virtio-iommu below its minimum
        var r = Record(["qemu-system-aarch64: load of migration failed: Invalid argument: error while loading state for instance 0x0 of device '0000:00:02.0/virtio-iommu': virtio-iommu: incoming version_id 1 is too old for local minimum version_id 2"]);
        var unknown = Record(["qemu-system-ppc64: load of migration failed: Invalid argument: Unknown section or instance 'icp/server' 0. Make sure that your current VM setup matches your saved VM setup, including any hotplugged devices"]);
        var plain = Record(["qemu-system-ppc64: load of migration failed: Invalid argument"]);

        Assert.Equal("virtio-iommu: incoming version_id 1 is too old for local minimum version_id 2", MatrixTally.Reason(r));
        Assert.StartsWith("Unknown section or instance 'icp/server' 0.", MatrixTally.Reason(unknown), StringComparison.Ordinal);
        Assert.Equal("load of migration failed: Invalid argument", MatrixTally.Reason(plain));
    }

    [Fact]
    public void Version_labels_sort_numerically()
    {
        string[] labels = ["10.0.13", "7.2", "10.0.2", "5.2"];

        Assert.Equal(["5.2", "7.2", "10.0.2", "10.0.13"], labels.Order(VersionLabelComparer.Instance));
        Assert.True(MatrixPlanner.HasMachine("10.0.2", "pseries-10.0"));
        Assert.False(MatrixPlanner.HasMachine("5.2", "pseries-7.2"));
    }

    [Fact]
    public void A_bad_matrix_config_is_rejected_with_the_reason()
    {
        var unknown = Assert.Throws<FormatException>(() => MatrixConfigLoader.Parse(new StringReader("versions: [7.2]\nmachines: [pseries-7.2]\nversion: 1\n")));
        var direction = Assert.Throws<FormatException>(() => MatrixConfigLoader.Parse(new StringReader("versions: [7.2]\nmachines: [pseries-7.2]\ndirections: [sideways]\n")));
        var empty = Assert.Throws<FormatException>(() => MatrixConfigLoader.Parse(new StringReader("machines: [pseries-7.2]\n")));

        Assert.Contains("unknown key 'version'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("unknown direction 'sideways'", direction.Message, StringComparison.Ordinal);
        Assert.Contains("'versions'", empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fixture_outcomes_load_as_expectations_per_hop()
    {
        var set = ExpectationSet.Load(Path.Combine(LabFixture.FixturesDir, "outcomes.jsonl"));

        Assert.True(set.Count > 80);
        Assert.Equal("success", set.Expected(MigrationSide.Create("5.2", "pseries-5.2"), MigrationSide.Create("7.2", "pseries-5.2"), "forward"));
        Assert.Equal("load-failed", set.Expected(MigrationSide.Create("7.2", "pseries-5.2"), MigrationSide.Create("5.2", "pseries-5.2"), "back"));
        Assert.Null(set.Expected(MigrationSide.Create("7.2", "pseries-9.9"), MigrationSide.Create("5.2", "pseries-9.9"), "forward"));
    }

    private static string JsonSerializerSafe(MatrixRecord r) => System.Text.Encoding.UTF8.GetString(MatrixRecordJson.ToUtf8(r));

    [GeneratedRegex("<script type=\"application/json\" id=\"tern-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
