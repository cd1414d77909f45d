using Spectre.Console;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>Renders a verdict for a person: the answer first, then each finding with QEMU's words, evidence and remedy.</summary>
internal static class VerdictText
{
    /// <summary>Writes <paramref name="verdict"/> onto <paramref name="console"/>; <paramref name="source"/> is null when the source facts came from <paramref name="stream"/>.</summary>
    public static void Write(IAnsiConsole console, Verdict verdict, HostSpec? source, HostSpec destination, string? stream)
    {
        var from = source is null ? $"stream {stream}" : $"QEMU {source.Qemu} {source.Machine} {source.Cpu}".TrimEnd();
        var to = $"QEMU {destination.Qemu} {destination.Machine} {destination.Cpu}".TrimEnd();
        var (colour, word) = verdict.Kind switch
        {
            VerdictKind.Compatible => ("green", "COMPATIBLE"),
            VerdictKind.Incompatible => ("red", "INCOMPATIBLE"),
            _ => ("yellow", "UNDECIDABLE"),
        };
        console.MarkupLine($"[bold {colour}]{word}[/]: {Markup.Escape(from)} → {Markup.Escape(to)}");
        var first = true;
        var notes = verdict.Findings.Where(f => f.Severity == Severity.Note).ToList();
        foreach (var f in verdict.Findings.Where(f => f.Severity != Severity.Note))
        {
            var sev = f.Severity switch { Severity.Fatal => "[red]fatal[/]", Severity.Warning => "[yellow]warning[/]", _ => "[grey]note[/]" };
            console.MarkupLine($"\n{sev} [bold]{Markup.Escape(f.Code)}[/]{(first && f.Severity == Severity.Fatal ? " (QEMU stops here)" : "")}: {Markup.Escape(f.Message)}");
            if (f.Severity == Severity.Fatal) first = false;
            foreach (var l in f.QemuError) console.MarkupLine($"  [grey]qemu:[/] {Markup.Escape(l)}");
            var e = f.Evidence;
            var ev = string.Join(", ", new[] { e.Section, e.Subsection, e.Field }.Where(x => x is not null));
            if (ev.Length > 0 || e.SourceValue is not null)
                console.MarkupLine($"  [grey]evidence:[/] {Markup.Escape(ev)}{(e.SourceValue is null ? "" : $" source={Markup.Escape(e.SourceValue)}")}{(e.DestinationValue is null ? "" : $" destination={Markup.Escape(e.DestinationValue)}")}{(e.Offset is long o ? $" at offset {o}" : "")}");
            if (f.Remedy is not null) console.MarkupLine($"  [grey]fix:[/] {Markup.Escape(f.Remedy)}");
            console.MarkupLine($"  [grey]rule:[/] {Markup.Escape(f.Rule)}");
        }
        if (notes.Count > 0)
            console.MarkupLine($"\n[grey]{notes.Count} note(s) (QEMU prints them as warnings; see --json): {Markup.Escape(string.Join("; ", notes.Select(n => n.Message).Distinct().Take(4)))}[/]");
        foreach (var m in verdict.Missing) console.MarkupLine($"\n[yellow]missing fact:[/] {Markup.Escape(m)}");
        if (source is not null && source.Ignored.Count > 0) console.MarkupLine($"\n[grey]ignored source options: {Markup.Escape(string.Join(" ", source.Ignored))}[/]");
    }
}
