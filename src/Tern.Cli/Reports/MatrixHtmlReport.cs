using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tern.Lab.Installation;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>
/// Writes one self-contained HTML page (no external assets): per architecture, machine type, CPU and variant a
/// source × destination grid coloured by outcome, a mark where Tern's prediction disagrees, and a details panel
/// (QEMU's stderr, the back hop, Tern's findings) that opens when a cell is clicked. Style and script are embedded
/// resource files (Reports/Assets/matrix.css, matrix.js), inlined into the page.
/// </summary>
internal static class MatrixHtmlReport
{
    public static void Write(string path, IReadOnlyList<MatrixRecord> records)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new StreamWriter(f, new UTF8Encoding(false));
        w.Write(Render(records));
    }

    public static string Render(IReadOnlyList<MatrixRecord> records)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Tern migration matrix</title>\n<style>\n")
            .Append(ReportAssets.Read("matrix.css")).Append("</style></head><body>\n<h1>Tern migration matrix</h1>");
        var total = records.Count;
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" id=\"summary\">{E(MatrixTally.Line(records, null))}</p>\n");
        sb.Append("<p class=\"legend\">");
        foreach (var (cls, label) in new[] { ("success", "success"), ("load-failed", "load-failed"), ("destination-crashed", "destination-crashed"), ("source-start-failed", "source-start-failed"), ("destination-start-failed", "destination-start-failed"), ("error", "lab error") })
            sb.Append(CultureInfo.InvariantCulture, $"<span><i class=\"sw o-{cls}\"></i>{label}</span>");
        sb.Append("<span><b style=\"color:#b00000\">≠</b> Tern's prediction disagrees</span><span><b style=\"color:#ff8c00\">▣</b> regression</span></p>\n");

        foreach (var group in records.GroupBy(r => (r.Arch, r.Machine, r.Cpu, r.Variant)))
        {
            var list = group.ToList();
            var srcs = list.Select(r => r.SourceQemu).Distinct().OrderBy(v => v, VersionLabelComparer.Instance).ToList();
            var dsts = list.Select(r => r.DestinationQemu).Distinct().OrderBy(v => v, VersionLabelComparer.Instance).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<section class=\"matrix\" data-arch=\"{E(group.Key.Arch)}\" data-machine=\"{E(group.Key.Machine)}\" data-cpu=\"{E(group.Key.Cpu)}\" data-variant=\"{E(group.Key.Variant)}\">\n");
            sb.Append(CultureInfo.InvariantCulture, $"<h2>{E(group.Key.Arch)} · {E(group.Key.Machine)} · CPU {E(group.Key.Cpu)} · variant {E(group.Key.Variant)}</h2>\n");
            sb.Append("<table class=\"grid\"><tr><th class=\"corner\">source ↓ / destination →</th>");
            foreach (var d in dsts) sb.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(d)}</th>");
            sb.Append("</tr>\n");
            foreach (var s in srcs)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(s)}</th>");
                foreach (var d in dsts)
                {
                    var r = list.FirstOrDefault(x => x.SourceQemu == s && x.DestinationQemu == d);
                    if (r is null) { sb.Append("<td class=\"empty\"></td>"); continue; }
                    var classes = $"cell o-{r.Outcome}" + (r.Agreement == "disagree" ? " disagree" : "") + (r.Regression ? " regression" : "");
                    var title = $"{r.Pair}: {r.Outcome}" + (r.BackOutcome is null ? "" : $", back: {r.BackOutcome}") + $"; Tern: {r.PredictedVerdict}";
                    sb.Append(CultureInfo.InvariantCulture, $"<td class=\"{classes}\" data-cell=\"{E(r.CellId)}\" data-outcome=\"{E(r.Outcome)}\" data-agreement=\"{E(r.Agreement)}\" tabindex=\"0\" title=\"{E(title)}\">");
                    sb.Append(Glyph(r.Outcome));
                    if (r.BackOutcome is not null) sb.Append(CultureInfo.InvariantCulture, $"<span class=\"back\">back {Glyph(r.BackOutcome)}</span>");
                    if (r.Agreement == "disagree") sb.Append("<span class=\"mark\" title=\"Tern's prediction disagrees\">≠</span>");
                    sb.Append("</td>");
                }
                sb.Append("</tr>\n");
            }
            sb.Append("</table></section>\n");
        }
        if (total == 0) sb.Append("<p>No cells.</p>\n");
        sb.Append("<aside id=\"details\" hidden aria-live=\"polite\"><button id=\"close\" type=\"button\">close</button><div id=\"details-body\"></div></aside>\n");
        sb.Append("<script type=\"application/json\" id=\"tern-data\">");
        sb.Append(DataJson(records));
        sb.Append("</script>\n<script>\n");
        sb.Append(ReportAssets.Read("matrix.js"));
        sb.Append("</script>\n</body></html>\n");
        return sb.ToString();
    }

    private static string Glyph(string outcome) => outcome switch
    {
        "success" => "✓",
        "load-failed" => "✗",
        "destination-crashed" => "☠",
        "source-start-failed" or "destination-start-failed" => "⊘",
        "source-failed" => "✗",
        _ => "?",
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string DataJson(IReadOnlyList<MatrixRecord> records)
    {
        using var ms = new MemoryStream();
        // The default encoder escapes <, >, & and quotes as \uXXXX, so the JSON cannot close the script element.
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var r in records)
            {
                w.WritePropertyName(r.CellId);
                MatrixRecordJson.Write(w, r);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray());
    }
}
