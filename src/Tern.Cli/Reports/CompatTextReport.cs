using System.Globalization;
using Spectre.Console;
using Tern.Lab.Compat;
using Tern.Lab.Matrix;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary><c>tern compat</c> for people: the summary line per machine type first, then the cells, rendered on any <see cref="IAnsiConsole"/>.</summary>
internal static class CompatTextReport
{
    public static void Write(IAnsiConsole console, CompatReport report)
    {
        console.MarkupLine($"[bold]tern compat[/] {Markup.Escape(Describe(report.Old))} ⇄ {Markup.Escape(Describe(report.New))} ({Markup.Escape(report.Arch)})");
        foreach (var f in report.BuildFacts)
            console.MarkupLine($"  [grey]{Markup.Escape(f.Code)}:[/] {Markup.Escape(f.Message)}");
        console.WriteLine();
        foreach (var m in report.Machines)
        {
            var colour = m.Cells.Any(c => c.Disagrees(CompatDirection.Forward) || c.Disagrees(CompatDirection.Backward)) ? "magenta"
                : m.Cells.Any(c => c.Breaks) ? "red"
                : m.Cells.Any(c => c.Forward.Kind == VerdictKind.Undecidable || c.Backward.Kind == VerdictKind.Undecidable) ? "yellow" : "green";
            console.MarkupLine($"[{colour}]{Markup.Escape(m.Summary)}[/]");
        }
        console.WriteLine();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("machine").AddColumn("cpu").AddColumn("forward (old → new)").AddColumn("backward (new → old)");
        foreach (var c in report.Cells)
            table.AddRow(Markup.Escape(c.Machine), Markup.Escape(c.CpuLabel), Cell(c.Forward, c.RealForward), Cell(c.Backward, c.RealBackward));
        console.Write(table);
        foreach (var c in report.Cells)
        {
            var facts = c.Facts.Where(f => f.Code != "machine-missing").ToList();
            if (facts.Count == 0) continue;
            console.MarkupLine($"[bold]{Markup.Escape(c.Machine)} {Markup.Escape(c.CpuLabel)}[/] static differences:");
            foreach (var f in facts)
                console.MarkupLine($"  [grey]{Markup.Escape(f.Code)} ({Markup.Escape(f.Direction)}):[/] {Markup.Escape(f.Message)}");
        }
        foreach (var (c, d) in report.Disagreements)
        {
            var r = c.Real(d)!;
            console.MarkupLine($"[magenta bold]Tern defect:[/] {Markup.Escape(c.Machine)} {Markup.Escape(c.CpuLabel)} {d}: Tern predicted {Markup.Escape(r.PredictedVerdict)} ({Markup.Escape(r.PredictionSummary)}), QEMU gave {Markup.Escape(r.Outcome)}: {Markup.Escape(string.Join(" / ", r.Stderr.Where(l => l.Length > 0).TakeLast(2)))}");
        }
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[grey]{report.Cells.Count()} cells; predictions {report.PredictMs / 1000:0.0} s{(report.Real ? $", real migrations {report.RealMs / 1000:0.0} s" : "")}[/]"));
    }

    private static string Describe(CompatBuild b) => $"{b.Label} ({b.Profile.Qemu.Package}{(b.Profile.Qemu.Package.Length == 0 ? "" : ", ")}{b.Origin})";

    private static string Cell(Verdict v, MatrixRecord? real)
    {
        var kind = VerdictJson.Kind(v.Kind);
        var colour = v.Kind switch { VerdictKind.Compatible => "green", VerdictKind.Incompatible => "red", _ => "yellow" };
        var text = $"[{colour}]{kind}[/]";
        if (v.FirstFatal is { } f) text += $" [grey]{Markup.Escape(f.Code)}[/]";
        if (real is not null)
        {
            var mark = real.Agreement switch { "agree" => "[green]✓[/]", "disagree" => "[magenta]✗ DISAGREES[/]", _ => "[yellow]?[/]" };
            text += $" · real {Markup.Escape(real.Outcome)} {mark}";
        }
        return text;
    }
}
