using Spectre.Console;

namespace Tern.Cli.Reports;

/// <summary><c>tern lab list</c> for people: one table row per installed binary, a failed query in red.</summary>
internal static class LabListText
{
    /// <summary>Writes the table onto <paramref name="console"/>.</summary>
    public static void Write(IAnsiConsole console, IReadOnlyList<LabVersionRow> rows)
    {
        var table = new Table().AddColumns("label", "suite", "Debian version", "arch", "query-version");
        foreach (var row in rows)
            table.AddRow(Markup.Escape(row.Installation.Label), Markup.Escape(row.Installation.Suite), Markup.Escape(row.Installation.DebianVersion), row.Arch,
                row.Error is null ? Markup.Escape(row.Version) : $"[red]{Markup.Escape(row.Error)}[/]");
        console.Write(table);
    }
}
