using System.Globalization;
using Spectre.Console;
using Tern.Wire;

namespace Tern.Cli.Reports;

/// <summary>Renders a <see cref="StreamSummary"/> as terminal tables.</summary>
internal static class SummaryText
{
    public static void Write(IAnsiConsole console, string source, StreamSummary s)
    {
        var machine = s.Configuration?.MachineName ?? "(no configuration section)";
        console.MarkupLine($"[bold]{Markup.Escape(source)}[/]: QEMU migration stream v{s.StreamVersion}, machine [bold]{Markup.Escape(machine)}[/], {s.TotalBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes");
        var caps = s.Configuration?.Capabilities ?? [];
        console.MarkupLine($"page size {s.PageSize}, footers {(s.HasFooters ? "yes" : "no")}, vmdesc {(s.HasVmDescription ? $"yes ({s.VmDescriptionBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes)" : "no")}"
            + (caps.Count > 0 ? $", capabilities {Markup.Escape(string.Join(",", caps))}" : "")
            + (s.Configuration?.TargetPageBits is int bits ? $", target-page-bits {bits}" : ""));
        if (s.Commands.Count > 0) console.MarkupLine($"commands: {Markup.Escape(string.Join(", ", s.Commands))}");

        var ram = new Table().Title("RAM blocks").AddColumns("block", "size", "zero pages", "normal pages", "other", "stream bytes");
        foreach (var b in s.RamBlocks)
        {
            ram.AddRow(Markup.Escape(b.Name), Bytes(b.UsedLength), N(b.ZeroPages), N(b.NormalPages), N(b.XbzrlePages + b.CompressedPages), N(b.StreamBytes));
        }
        console.Write(ram);

        var sections = new Table().Title("Sections").AddColumns("id", "idstr", "instance", "version", "kind", "bytes", "subsections sent");
        foreach (var sec in s.Sections)
        {
            var h = sec.Header;
            var kind = h.Type == SectionType.Full ? "full" : $"iterative ×{sec.Parts}";
            sections.AddRow(h.SectionId.ToString(CultureInfo.InvariantCulture), Markup.Escape(h.IdStr), h.InstanceId.ToString(CultureInfo.InvariantCulture),
                h.VersionId.ToString(CultureInfo.InvariantCulture), kind, N(sec.Bytes), Markup.Escape(string.Join(", ", sec.Subsections)));
        }
        console.Write(sections);
    }

    private static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(ulong v) => v >= 1 << 20
        ? $"{(v / (double)(1 << 20)).ToString("0.##", CultureInfo.InvariantCulture)} MiB"
        : $"{v.ToString("N0", CultureInfo.InvariantCulture)} B";
}
