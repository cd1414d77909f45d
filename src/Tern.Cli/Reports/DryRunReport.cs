using System.Text.Json;
using Spectre.Console;
using Tern.Lab.Migration;
using Tern.Lab.Predictions;

namespace Tern.Cli.Reports;

/// <summary>The real migration of <c>check --dry-run</c>, beside the verdict: terminal lines and the <c>dryRun</c> JSON object.</summary>
internal static class DryRunReport
{
    /// <summary>Writes the result for a person.</summary>
    public static void Write(IAnsiConsole console, DryRunResult r)
    {
        var what = r.Outcome switch
        {
            MigrationOutcome.Success => "[green]migrated[/]",
            MigrationOutcome.Error => "[yellow]could not run[/]",
            _ => $"[red]refused[/]: {Markup.Escape(r.QemuError.FirstOrDefault() ?? r.Outcome.ToString())}",
        };
        console.MarkupLine($"\n[bold]real QEMU (dry run):[/] {what}");
        foreach (var l in r.QemuError.Skip(1).Take(4)) console.MarkupLine($"  [grey]qemu:[/] {Markup.Escape(l)}");
        console.MarkupLine(r.Agreement switch
        {
            Agreement.Agree => "  [green]the prediction agrees[/]",
            Agreement.Disagree => "  [red bold]the prediction DISAGREES with real QEMU: a Tern defect — please report both texts[/]",
            _ => $"  [yellow]nothing to compare[/] ({Markup.Escape(r.Detail)})",
        });
    }

    /// <summary>Writes <c>"dryRun": {"outcome", "qemuError", "agreement", "detail"}</c>.</summary>
    public static void Write(Utf8JsonWriter j, DryRunResult r)
    {
        j.WriteStartObject("dryRun");
        j.WriteString("outcome", MigrationOutcomeNames.ToName(r.Outcome));
        j.WriteStartArray("qemuError");
        foreach (var l in r.QemuError) j.WriteStringValue(l);
        j.WriteEndArray();
        j.WriteString("agreement", r.Agreement.ToName());
        j.WriteString("detail", r.Detail);
        j.WriteEndObject();
    }
}
