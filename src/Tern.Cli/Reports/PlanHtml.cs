using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Tern.Fleet;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>tern plan --html FILE</c>: one self-contained page, a VMs × hosts heatmap (migrates and comes back / one way /
/// blocked / undecidable) whose cells open the reasons: each way's findings with QEMU's lines, remedy and missing
/// facts. Style and script are embedded resource files (Reports/Assets/plan.css, plan.js), inlined into the page.
/// </summary>
internal static class PlanHtml
{
    public static void Write(string path, FleetPlan plan)
    {
        using var f = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var w = new StreamWriter(f, new UTF8Encoding(false));
        w.Write(Render(plan));
    }

    public static string Render(FleetPlan plan)
    {
        var verdicts = new Dictionary<Verdict, int>(ReferenceEqualityComparer.Instance);
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Tern fleet plan</title>\n<style>\n")
            .Append(ReportAssets.Read("plan.css")).Append("</style></head><body>\n<h1>Tern fleet plan</h1>\n");
        var st = plan.Statistics;
        sb.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" id=\"summary\">{plan.Vms.Count} VMs, {plan.Hosts.Count} hosts, {st.Pairs} pairs judged both ways by Tern's check engine ({st.VmClasses} distinct VM configurations, {st.HostClasses} host classes)</p>\n");
        sb.Append("<p class=\"legend\"><span><i class=\"sw v-compatible\"></i>migrates and comes back</span><span><i class=\"sw v-oneway\"></i>migrates, one way only</span><span><i class=\"sw v-incompatible\"></i>blocked</span><span><i class=\"sw v-undecidable\"></i>undecidable</span><span><i class=\"sw\" style=\"background:#e2e2e2\"></i>runs here</span></p>\n");
        sb.Append("<table class=\"heat\"><thead><tr><th>VM \\ host</th>");
        foreach (var h in plan.Hosts) sb.Append(CultureInfo.InvariantCulture, $"<th title=\"QEMU {E(h.Label)} {E(h.Architecture.Name())} {E(h.Facts)}\">{E(h.Name)}</th>");
        sb.Append("</tr></thead><tbody>\n");
        using var data = new MemoryStream();
        using (var j = new Utf8JsonWriter(data))
        {
            j.WriteStartObject();
            j.WriteStartArray("vms");
            for (var v = 0; v < plan.Vms.Count; v++)
            {
                var vm = plan.Vms[v];
                var byHost = vm.Targets.ToDictionary(t => t.Host, StringComparer.Ordinal);
                sb.Append(CultureInfo.InvariantCulture, $"<tr><th class=\"vm\">{E(vm.Name)}</th>");
                j.WriteStartObject();
                j.WriteString("name", vm.Name);
                j.WriteString("host", vm.Host);
                j.WriteStartObject("targets");
                foreach (var h in plan.Hosts)
                {
                    if (h.Name == vm.Host) { sb.Append("<td class=\"own\">●</td>"); continue; }
                    if (!byHost.TryGetValue(h.Name, out var t)) { sb.Append("<td></td>"); continue; }
                    var cls = t.Verdict.Kind switch
                    {
                        VerdictKind.Compatible => t.Back.Kind == VerdictKind.Compatible ? "v-compatible" : "v-oneway",
                        VerdictKind.Incompatible => "v-incompatible",
                        _ => "v-undecidable",
                    };
                    var mark = cls switch { "v-compatible" => "✓", "v-oneway" => "→", "v-incompatible" => "✗", _ => "?" };
                    sb.Append(CultureInfo.InvariantCulture, $"<td class=\"cell {cls}\" tabindex=\"0\" data-vm=\"{v}\" data-host=\"{E(h.Name)}\">{mark}</td>");
                    j.WriteStartArray(h.Name);
                    j.WriteNumberValue(Id(verdicts, t.Verdict));
                    j.WriteNumberValue(Id(verdicts, t.Back));
                    j.WriteEndArray();
                }
                sb.Append("</tr>\n");
                j.WriteEndObject();
                if (vm.Suggestion is { } s) j.WriteString("suggestion", $"{s.Option} ({s.Description}): {s.CompatibleAfter} hosts instead of {s.CompatibleBefore}");
                else j.WriteNull("suggestion");
                j.WriteStartArray("lifecycle");
                foreach (var n in vm.Lifecycle) j.WriteStringValue(n.Message);
                j.WriteEndArray();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartArray("verdicts");
            foreach (var v in verdicts.OrderBy(p => p.Value).Select(p => p.Key))
            {
                j.WriteStartObject();
                j.WriteString("verdict", VerdictJson.Kind(v.Kind));
                VerdictJson.WriteBody(j, v);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        sb.Append("</tbody></table>\n<aside id=\"details\" hidden></aside>\n<script type=\"application/json\" id=\"plan-data\">");
        // JSON inside <script>: "</" must not close the element.
        sb.Append(Encoding.UTF8.GetString(data.ToArray()).Replace("</", "<\\/", StringComparison.Ordinal));
        sb.Append("</script>\n<script>\n").Append(ReportAssets.Read("plan.js")).Append("</script>\n</body></html>\n");
        return sb.ToString();
    }

    private static int Id(Dictionary<Verdict, int> ids, Verdict v)
    {
        if (!ids.TryGetValue(v, out var id)) ids[v] = id = ids.Count;
        return id;
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
