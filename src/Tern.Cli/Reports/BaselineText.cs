using Spectre.Console;
using Tern.Fleet;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary><c>tern baseline</c> on a terminal: the options to paste, the direction, what each host gives up, the pairs.</summary>
internal static class BaselineText
{
    public static void Write(IAnsiConsole console, BaselineResult b)
    {
        if (b.Options is null)
        {
            console.MarkupLine($"[red]no common configuration[/]: none of the {b.Tried} configurations every host starts migrates among them, even from older to newer QEMU");
        }
        else
        {
            console.MarkupLine(b.RoundTrip
                ? "[green]baseline (migrates both ways between every pair):[/]"
                : "[yellow]one-way baseline[/]: nothing migrates both ways; this migrates from older to newer QEMU only (upgrades), not back:");
            console.WriteLine("  " + b.Options);
        }
        var hosts = new Table().AddColumns("host", "QEMU", "own default", "gives up");
        foreach (var h in b.Hosts)
            hosts.AddRow(Markup.Escape(h.Name), Markup.Escape(h.Qemu), Markup.Escape($"{h.DefaultMachine} {h.DefaultCpu}"), Markup.Escape(h.GivesUp.Count == 0 ? "nothing" : string.Join("\n", h.GivesUp)));
        console.Write(hosts);
        if (b.Pairs.Count == 0) return;
        var pairs = new Table().Title("checked pairwise with the engine of tern check").AddColumns("from", "to", "verdict", "first reason");
        foreach (var p in b.Pairs)
        {
            var f = p.Verdict.Findings.FirstOrDefault(x => x.Severity == Severity.Fatal);
            var reason = f is not null ? $"{f.Code}: {f.Message}" : p.Verdict.Kind == VerdictKind.Undecidable ? p.Verdict.Missing.FirstOrDefault() ?? "" : "";
            var verdict = p.Verdict.Kind switch { VerdictKind.Compatible => "[green]compatible[/]", VerdictKind.Incompatible => "[red]incompatible[/]", _ => "[yellow]undecidable[/]" };
            pairs.AddRow(Markup.Escape(p.From), Markup.Escape(p.To), verdict, Markup.Escape(reason));
        }
        console.Write(pairs);
    }
}
