using Spectre.Console;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>Renders matrix records as a terminal table plus a one-line tally.</summary>
internal static class MatrixTextReport
{
    /// <summary>Writes one row per record, then the tally (with <paramref name="run"/>'s counts and time when the cells were run now).</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<MatrixRecord> records, MatrixRunSummary? run)
    {
        var table = new Table().AddColumns("machine · cpu · variant", "src → dst", "outcome (back)", "Tern", "expected", "QEMU said");
        foreach (var r in records)
        {
            var reason = MatrixTally.Reason(r);
            if (reason.Length > 90) reason = reason[..87] + "...";
            table.AddRow(
                Markup.Escape($"{r.Machine} · {r.Cpu} · {r.Variant}"), Markup.Escape(r.Pair),
                Colour(r.Outcome) + (r.BackOutcome is null ? "" : $" ({Colour(r.BackOutcome)})"),
                Markup.Escape(r.PredictedVerdict) + " " + r.Agreement switch { "agree" => "[green]agree[/]", "disagree" => "[red bold]disagree[/]", _ => "[grey]unpredicted[/]" },
                r.ExpectedOutcome is null ? "" : r.Regression ? $"[red bold]{Markup.Escape(r.ExpectedOutcome)} (regression)[/]" : Markup.Escape(r.ExpectedOutcome),
                Markup.Escape(reason));
        }
        console.Write(table);
        console.MarkupLine(Markup.Escape(MatrixTally.Line(records, run)));
    }

    private static string Colour(string outcome) => outcome switch
    {
        "success" => "[green]success[/]",
        "error" => "[yellow]error[/]",
        _ => $"[red]{Markup.Escape(outcome)}[/]",
    };
}
