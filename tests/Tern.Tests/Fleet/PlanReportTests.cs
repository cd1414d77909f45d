using System.Text.Json;
using Spectre.Console;
using Tern.Cli.Reports;
using Tern.Platforms;
using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Fleet;

public sealed class PlanReportTests
{
    [Fact]
    public void Plan_json_validates_against_the_documented_schema_and_carries_checks_findings()
    {
        var (inv, plan) = PlanAgreesWithCheckTests.MakePlan(suggest: false);
        using var output = new MemoryStream();
        PlanJson.Write(output, plan);
        using var doc = JsonDocument.Parse(output.ToArray());
        using var schema = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "schemas", "plan.schema.json")));

        Assert.Empty(MiniJsonSchema.Validate(schema.RootElement, doc.RootElement));

        // One target's findings are what `check --json` prints for that pair (its writer, a fresh engine).
        var web = doc.RootElement.GetProperty("vms").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "web");
        var target = web.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("host").GetString() == "p-1013a");
        var cmdline = inv.Vms.Single(v => v.Name == "web").Cmdline;
        var s = HostSpecParser.Parse("qemu-7.2 " + cmdline);
        var d = HostSpecParser.Parse("qemu-10.0.13 " + cmdline);
        using var check = new MemoryStream();
        VerdictJson.Write(check, new Predictor().Predict(s, d), s, d, null, indented: false);
        using var checkDoc = JsonDocument.Parse(check.ToArray());
        Assert.Equal(checkDoc.RootElement.GetProperty("verdict").GetString(), target.GetProperty("verdict").GetString());
        Assert.Equal(checkDoc.RootElement.GetProperty("findings").GetRawText(), target.GetProperty("findings").GetRawText());
        Assert.Equal(checkDoc.RootElement.GetProperty("missing").GetRawText(), target.GetProperty("missing").GetRawText());
    }

    [Fact]
    public void The_terminal_report_shows_a_table_per_VM_and_the_hosts_by_VMs_grid()
    {
        var (_, plan) = PlanAgreesWithCheckTests.MakePlan(suggest: false);
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        console.Profile.Width = 160;

        PlanText.Write(console, plan);
        var text = writer.ToString();

        foreach (var vm in plan.Vms) Assert.Contains($"{vm.Name} on {vm.Host}", text, StringComparison.Ordinal);
        Assert.Contains("hosts × VMs", text, StringComparison.Ordinal);
        Assert.Contains("migrates", text, StringComparison.Ordinal);
        Assert.Contains("blocked", text, StringComparison.Ordinal);
        // The first reason of a blocked pair is the engine's first fatal finding.
        var blocked = plan.Vms.SelectMany(v => v.Targets).First(t => t.Verdict.Kind == VerdictKind.Incompatible);
        Assert.Contains(blocked.Blocker!.Code, text, StringComparison.Ordinal);
        Assert.Contains("lifecycle", text, StringComparison.Ordinal); // "old" runs pseries-5.2, deprecated in 10.0.x
    }
}
