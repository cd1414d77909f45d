using System.Net;
using System.Text;
using Tern.Lab.Compat;
using Tern.Lab.Matrix;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>compat --html</c>: one self-contained page (its CSS and JS are embedded resources, inlined): the summary lines,
/// then a table of cells; clicking a verdict shows its findings, static differences and QEMU's stderr.
/// </summary>
internal static class CompatHtmlReport
{
    public static void Write(string path, CompatReport report)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>tern compat ")
          .Append(E(report.Old.Label)).Append(" ⇄ ").Append(E(report.New.Label)).Append("</title><style>")
          .Append(ReportAssets.Read("compat.css")).Append("</style></head><body>");
        sb.Append("<h1>tern compat ").Append(E(report.Old.Label)).Append(" ⇄ ").Append(E(report.New.Label)).Append(" (").Append(E(report.Arch)).Append(")</h1>");
        sb.Append("<ul class=\"summary\">");
        foreach (var m in report.Machines)
            sb.Append("<li class=\"").Append(Class(m)).Append("\">").Append(E(m.Summary)).Append("</li>");
        sb.Append("</ul>");
        if (report.BuildFacts.Count > 0)
        {
            sb.Append("<ul class=\"facts\">");
            foreach (var f in report.BuildFacts) sb.Append("<li>").Append(E(f.Code)).Append(": ").Append(E(f.Message)).Append("</li>");
            sb.Append("</ul>");
        }
        sb.Append("<table class=\"cells\"><thead><tr><th>machine</th><th>cpu</th><th>forward (old → new)</th><th>backward (new → old)</th></tr></thead><tbody>");
        var n = 0;
        var hidden = new StringBuilder();
        foreach (var c in report.Cells)
        {
            sb.Append("<tr><td>").Append(E(c.Machine)).Append("</td><td>").Append(E(c.CpuLabel)).Append("</td>");
            foreach (var d in new[] { CompatDirection.Forward, CompatDirection.Backward })
            {
                var id = "d" + (n++).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var v = c.Predicted(d);
                var real = c.Real(d);
                sb.Append("<td class=\"verdict ").Append(VerdictJson.Kind(v.Kind)).Append(real?.Agreement == "disagree" ? " disagree" : "")
                  .Append("\" data-details=\"").Append(id).Append("\" data-machine=\"").Append(E(c.Machine)).Append("\" data-direction=\"").Append(d).Append("\">")
                  .Append(VerdictJson.Kind(v.Kind));
                if (real is not null) sb.Append(" · real ").Append(E(real.Outcome)).Append(real.Agreement == "disagree" ? " (Tern defect)" : "");
                sb.Append("</td>");
                hidden.Append("<div class=\"cell-details\" hidden id=\"").Append(id).Append("\">").Append(E(Details(c, d, real))).Append("</div>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table><pre id=\"details\" hidden></pre>").Append(hidden);
        sb.Append("<script>").Append(ReportAssets.Read("compat.js")).Append("</script></body></html>");
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Class(CompatMachine m) =>
        m.Cells.Any(c => c.Disagrees(CompatDirection.Forward) || c.Disagrees(CompatDirection.Backward)) ? "defect"
        : m.Cells.Any(c => c.Breaks) ? "breaks"
        : m.Cells.Any(c => c.Forward.Kind == VerdictKind.Undecidable || c.Backward.Kind == VerdictKind.Undecidable) ? "undecidable" : "ok";

    private static string Details(CompatCell c, string d, MatrixRecord? real)
    {
        var v = c.Predicted(d);
        var lines = new List<string> { $"{c.Machine} {c.CpuLabel} {d}: predicted {VerdictJson.Kind(v.Kind)}{(real is null ? "" : $", real {real.Outcome} ({real.Agreement})")}" };
        foreach (var f in v.Findings)
        {
            lines.Add($"{f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message}");
            lines.AddRange(f.QemuError.Select(q => "  QEMU: " + q));
            if (f.Remedy is not null) lines.Add("  fix: " + f.Remedy);
        }
        lines.AddRange(v.Missing.Select(m => "missing: " + m));
        lines.AddRange(c.Facts.Select(f => $"static {f.Code} ({f.Direction}): {f.Message}"));
        if (real is not null)
        {
            lines.Add("QEMU stderr:");
            lines.AddRange(real.Stderr.Select(l => "  " + l));
        }
        return string.Join('\n', lines);
    }

    // Escapes for both element text and attribute values.
    private static string E(string s) => WebUtility.HtmlEncode(s);
}
