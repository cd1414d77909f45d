using System.Text.Json;
using Tern.Cli.Commands;
using Tern.Cli.Reports;
using Tern.Lab.Compat;

namespace Tern.Tests.Compat;

public sealed class CompatSummaryTests
{
    private static CompatReport Run(string old, string @new, string arch, string machine, params string[] cpus) =>
        CompatRunner.RunAsync(CompatProfiles.Build(old, arch), CompatProfiles.Build(@new, arch), new CompatOptions
        {
            Arch = arch, Machines = [machine], Cpus = cpus, LabDir = Path.GetTempPath(), Jobs = 2,
        }, TestContext.Current.CancellationToken).GetAwaiter().GetResult();

    [Fact]
    public void The_pseries_7_2_line_names_the_moved_default_CPU_forward_and_cpu_slb_backward()
    {
        // 10.0 sends cpu/slb at version 2, which 7.2 (version 1) refuses; the default CPU moved in 8.1.
        var report = Run("7.2", "10.0.13", "ppc64", "pseries-7.2", "power9_v2.0");

        var line = Assert.Single(report.Machines).Summary;
        Assert.StartsWith("pseries-7.2: forward breaks with the default CPU — default CPU moved power9_v2.0 → power9_v2.2 — fix: pin -cpu power9_v2.0; backward breaks — subsection-version-too-new: cpu: subsection 'cpu/slb'", line, StringComparison.Ordinal);
        Assert.Equal(1, CompatCommand.ExitCode(report));
    }

    [Fact]
    public void The_JSON_has_the_contracted_fields_per_cell_with_check_findings_and_no_real_outcome_without_real()
    {
        var report = Run("7.2", "10.0.13", "ppc64", "pseries-7.2");
        using var ms = new MemoryStream();
        CompatJsonReport.Write(ms, report, CompatCommand.ExitCode(report));
        using var doc = JsonDocument.Parse(ms.ToArray());
        var root = doc.RootElement;

        Assert.Equal("ppc64", root.GetProperty("arch").GetString());
        Assert.Equal(1, root.GetProperty("exit").GetInt32());
        var cell = Assert.Single(root.GetProperty("machines").EnumerateArray());
        Assert.Equal("pseries-7.2", cell.GetProperty("machine").GetString());
        Assert.Equal(JsonValueKind.Null, cell.GetProperty("cpu").ValueKind);
        Assert.Equal("incompatible", cell.GetProperty("forward").GetString());
        Assert.Equal("incompatible", cell.GetProperty("backward").GetString());
        var findings = cell.GetProperty("findings").EnumerateArray().ToList();
        Assert.Contains(findings, f => f.GetProperty("direction").GetString() == "forward" && f.GetProperty("code").GetString() == "ppc-pvr-mismatch" && f.GetProperty("severity").GetString() == "fatal");
        Assert.Contains(findings, f => f.GetProperty("direction").GetString() == "backward" && f.GetProperty("code").GetString() == "subsection-version-too-new");
        Assert.All(findings, f => Assert.True(f.TryGetProperty("qemuError", out _) && f.TryGetProperty("evidence", out _) && f.TryGetProperty("rule", out _)));
        Assert.Equal(JsonValueKind.Null, cell.GetProperty("real").GetProperty("forward").ValueKind);
        Assert.Equal(JsonValueKind.Null, cell.GetProperty("real").GetProperty("backward").ValueKind);
        Assert.Contains(cell.GetProperty("static").EnumerateArray(), f => f.GetProperty("code").GetString() == "default-cpu-moved");
        Assert.Equal(0, root.GetProperty("disagreements").GetArrayLength());
    }
}
