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
/// (QEMU's stderr, the back hop, Tern's findings) that opens when a cell is clicked.
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
        sb.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Tern migration matrix</title>
            <style>
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#1d1d1f;background:#fafafa}
            h1{font-size:1.4em;margin:0 0 .3em} h2{font-size:1.05em;margin:1.2em 0 .4em}
            .summary{color:#444} .legend span{display:inline-block;margin-right:1em}
            .sw{display:inline-block;width:1em;height:1em;vertical-align:middle;margin-right:.3em;border-radius:2px}
            table.grid{border-collapse:collapse} .grid th,.grid td{border:1px solid #ccc;padding:0;text-align:center;min-width:4.2em;height:2.4em}
            .grid th{background:#eee;padding:0 .5em;font-weight:600} .grid th.corner{font-weight:400;color:#666;font-size:.85em}
            td.cell{cursor:pointer;position:relative;font-weight:600} td.cell:hover,td.cell:focus{outline:3px solid #1d6fd6;outline-offset:-3px}
            td.empty{background:repeating-linear-gradient(45deg,#f4f4f4,#f4f4f4 4px,#e8e8e8 4px,#e8e8e8 8px)}
            .o-success{background:#b8e6b8} .o-load-failed{background:#f5b5b5} .o-destination-crashed{background:#c58bd6}
            .o-source-start-failed{background:#f7d48b} .o-destination-start-failed{background:#f2c08a} .o-source-failed{background:#f7d48b} .o-error{background:#d0d0d0}
            .back{font-size:.75em;font-weight:400;display:block}
            .mark{position:absolute;top:1px;right:2px;color:#b00000;font-size:.9em} td.disagree{box-shadow:inset 0 0 0 3px #b00000}
            td.regression{box-shadow:inset 0 0 0 3px #ff8c00}
            #details{position:fixed;right:1em;top:1em;bottom:1em;width:min(46em,48vw);overflow:auto;background:#fff;border:1px solid #bbb;border-radius:6px;padding:1em;box-shadow:0 4px 18px rgba(0,0,0,.15)}
            #details pre{white-space:pre-wrap;background:#f4f4f4;padding:.5em;border-radius:4px;font-size:12px}
            #details h3{margin:.2em 0 .5em} #details dt{font-weight:600;margin-top:.5em} #close{float:right}
            </style></head><body>
            <h1>Tern migration matrix</h1>
            """);
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
        sb.Append(Script);
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

    private const string Script = """
        (function () {
          var data = JSON.parse(document.getElementById('tern-data').textContent);
          var panel = document.getElementById('details');
          var body = document.getElementById('details-body');
          function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined && text !== null) e.textContent = text; if (cls) e.className = cls; return e; }
          function item(dl, term, value) { dl.appendChild(el('dt', term)); var dd = el('dd'); if (value instanceof Node) dd.appendChild(value); else dd.textContent = value; dl.appendChild(dd); }
          function lines(list) { return el('pre', list && list.length ? list.join('\n') : '(nothing)'); }
          function show(id) {
            var r = data[id]; if (!r) return;
            body.textContent = '';
            body.appendChild(el('h3', r.source.qemu + ' \u2192 ' + r.destination.qemu + ': ' + r.outcome));
            var dl = el('dl'); body.appendChild(dl);
            item(dl, 'Cell', r.machine + ' \u00b7 CPU ' + r.cpu + ' \u00b7 variant ' + r.variant + ' \u00b7 ' + r.transport + ' (' + r.cell + ')');
            item(dl, 'Source', r.source.qemu + ' ' + r.source.args.join(' '));
            item(dl, 'Destination', r.destination.qemu + ' ' + r.destination.args.join(' '));
            item(dl, 'Outcome', r.outcome + (r.exit !== null ? ' (exit ' + r.exit + ')' : '') + (r.signal ? ', signal ' + r.signal : '') + (r.expected ? '; expected ' + r.expected : '') + (r.regression ? ' \u2014 REGRESSION' : ''));
            if (r.labError) item(dl, 'Lab error', r.labError);
            item(dl, 'QEMU stderr', lines(r.stderr));
            if (r.back) { item(dl, 'Back hop', r.back.outcome + (r.back.exit !== null ? ' (exit ' + r.back.exit + ')' : '')); item(dl, 'Back hop stderr', lines(r.back.stderr)); }
            item(dl, 'Tern predicted', r.prediction.verdict + ' \u2014 ' + r.agreement + (r.prediction.summary ? ': ' + r.prediction.summary : ''));
            item(dl, 'Tern findings', lines(r.prediction.findings));
            item(dl, 'Tern expected QEMU to say', lines(r.prediction.qemuErrors));
            if (r.streamBytes !== null) item(dl, 'Stream', r.streamBytes + ' bytes' + (r.stream ? ' (' + r.stream + ')' : ''));
            item(dl, 'Time', r.timings.wallMs + ' ms (QEMU ' + r.timings.qemuMs + ' ms)');
            panel.hidden = false;
            panel.setAttribute('data-cell', id);
          }
          document.addEventListener('click', function (ev) {
            var td = ev.target.closest ? ev.target.closest('td.cell') : null;
            if (td) show(td.getAttribute('data-cell'));
          });
          document.addEventListener('keydown', function (ev) {
            if (ev.key === 'Enter' && ev.target.matches && ev.target.matches('td.cell')) show(ev.target.getAttribute('data-cell'));
            if (ev.key === 'Escape') panel.hidden = true;
          });
          document.getElementById('close').addEventListener('click', function () { panel.hidden = true; });
        })();

        """;
}
