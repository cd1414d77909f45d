using Spectre.Console;
using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Cli.Reports;

/// <summary>Renders a <see cref="SchemaDiffResult"/> for a terminal: a verdict per direction, then the findings as tables.</summary>
internal static class DiffTableReport
{
    public static void Write(IAnsiConsole console, SchemaDiffResult result)
    {
        console.MarkupLine($"[bold]OLD[/] {Describe(result.Old)}");
        console.MarkupLine($"[bold]NEW[/] {Describe(result.New)}");
        foreach (var direction in new[] { MigrationDirection.Forward, MigrationDirection.Backward })
        {
            if (!result.Directions.HasFlag(direction == MigrationDirection.Forward ? DiffDirections.Forward : DiffDirections.Backward)) continue;
            WriteDirection(console, result, direction);
        }
        if (result.Uncompared.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Not compared[/]");
            foreach (var u in result.Uncompared)
                console.MarkupLine($"  {DiffTokens.Of(u.Direction)} {Markup.Escape(u.Section)}: [dim]{Markup.Escape(u.Reason)}[/]");
        }
        console.WriteLine();
        console.MarkupLine("[bold]What the inputs cannot tell[/]");
        foreach (var l in result.Limitations) console.MarkupLine($"  - [dim]{Markup.Escape(l)}[/]");
    }

    private static void WriteDirection(IAnsiConsole console, SchemaDiffResult result, MigrationDirection direction)
    {
        var findings = result.In(direction)
            .OrderByDescending(f => f.Severity)
            .ToList();
        var breaks = findings.Count(f => f.Severity == FindingSeverity.Breaks);
        var ifSent = findings.Count(f => f.Severity == FindingSeverity.BreaksIfSent);
        var harmless = findings.Count(f => f.Severity == FindingSeverity.Harmless);
        var undecided = result.Undecided.Where(u => u.Direction == direction).ToList();
        var arrow = direction == MigrationDirection.Forward ? "OLD -> NEW" : "NEW -> OLD";
        var verdict = breaks > 0 ? "[red bold]breaks[/]" : ifSent > 0 ? "[yellow bold]compatible unless a conditional part is sent[/]" : "[green bold]compatible[/]";
        console.WriteLine();
        console.MarkupLine($"[bold]{DiffTokens.Of(direction)}[/] ({arrow}): {verdict}: {breaks} breaking, {ifSent} breaks-if-sent, {harmless} harmless, {undecided.Count} undecided");
        if (findings.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("severity", "section", "path", "finding");
            foreach (var f in findings)
            {
                var text = $"[bold]{Markup.Escape(f.Code)}[/] {Markup.Escape(f.Message)}";
                if (f.QemuError is { } q) text += $"\n[dim]QEMU: {Markup.Escape(q)}[/]";
                if (f.RenameRule is { } r) text += $"\n[dim]rule: {Markup.Escape(r)}[/]";
                table.AddRow(Severity(f.Severity), Markup.Escape(Section(f.Section, f.InstanceId)), Markup.Escape(f.Path), text);
            }
            console.Write(table);
        }
        if (undecided.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("undecided").AddColumns("section", "path", "difference", "why it is undecided");
            foreach (var u in undecided)
                table.AddRow(Markup.Escape(Section(u.Section, u.InstanceId)), Markup.Escape(u.Path), $"[bold]{Markup.Escape(u.Code)}[/] {Markup.Escape(u.Message)}", $"[dim]{Markup.Escape(u.Why)}[/]");
            console.Write(table);
        }
    }

    private static string Severity(FindingSeverity s) => s switch
    {
        FindingSeverity.Breaks => "[red]breaks[/]",
        FindingSeverity.BreaksIfSent => "[yellow]breaks-if-sent[/]",
        _ => "[green]harmless[/]",
    };

    private static string Section(string section, uint? instance) => instance is uint i && i != 0 ? $"{section} #{i}" : section;

    private static string Describe(VmstateSchema s)
    {
        var kind = s.InputKind switch
        {
            SchemaInputKind.VmstateDump => "-dump-vmstate",
            SchemaInputKind.MigrationStream => "migration stream (its vmdesc)",
            _ => "vmdesc JSON",
        };
        var machine = s.MachineType is { } m ? $", machine {Markup.Escape(m)}" : "";
        return $"{Markup.Escape(s.Origin)}: {kind}{machine}, {s.Sections.Count} sections";
    }
}
