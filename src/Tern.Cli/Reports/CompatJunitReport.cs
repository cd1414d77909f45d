using System.Globalization;
using System.Xml;
using Tern.Lab.Compat;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>compat --junit</c>: one test suite per machine type, one test case per CPU model and direction. A predicted or
/// real break is a failure of type <c>break</c>, a real run that contradicts the prediction a failure of type
/// <c>disagreement</c> (a Tern defect), an undecidable prediction or a lab error an error.
/// </summary>
internal static class CompatJunitReport
{
    public static void Write(string path, CompatReport report)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var w = XmlWriter.Create(path, settings);
        var all = report.Cells.SelectMany(c => new[] { (c, CompatDirection.Forward), (c, CompatDirection.Backward) }).ToList();
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", $"tern compat {report.Old.Label} {report.New.Label}");
        w.WriteAttributeString("tests", N(all.Count));
        w.WriteAttributeString("failures", N(all.Count(x => Failure(x.c, x.Item2) is not null)));
        foreach (var m in report.Machines)
        {
            var cases = m.Cells.SelectMany(c => new[] { (c, CompatDirection.Forward), (c, CompatDirection.Backward) }).ToList();
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"compat.{report.Arch}.{m.Machine}");
            w.WriteAttributeString("tests", N(cases.Count));
            w.WriteAttributeString("failures", N(cases.Count(x => Failure(x.c, x.Item2) is not null)));
            w.WriteAttributeString("errors", N(cases.Count(x => Failure(x.c, x.Item2) is null && Error(x.c, x.Item2) is not null)));
            w.WriteAttributeString("time", S(cases.Sum(x => x.c.Real(x.Item2)?.WallMs ?? 0) / 1000));
            foreach (var (c, d) in cases)
            {
                var (from, to) = d == CompatDirection.Forward ? (report.Old.Label, report.New.Label) : (report.New.Label, report.Old.Label);
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", $"compat.{report.Arch}.{m.Machine}");
                w.WriteAttributeString("name", $"{from} -> {to} cpu={c.CpuLabel}");
                w.WriteAttributeString("time", S((c.Real(d)?.WallMs ?? 0) / 1000));
                if (Failure(c, d) is { } failure)
                {
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", failure.Message);
                    w.WriteAttributeString("type", failure.Type);
                    w.WriteString(Details(c, d));
                    w.WriteEndElement();
                }
                else if (Error(c, d) is { } error)
                {
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", error);
                    w.WriteEndElement();
                }
                w.WriteStartElement("system-out");
                w.WriteString(Details(c, d));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static (string Type, string Message)? Failure(CompatCell c, string d)
    {
        var real = c.Real(d);
        if (real?.Agreement == "disagree")
            return ("disagreement", $"Tern defect: Tern predicted {real.PredictedVerdict}, QEMU gave {real.Outcome}");
        if (c.BreaksIn(d))
        {
            var (why, fix) = CompatSummary.Reason(c, d);
            return ("break", $"{d} breaks: {why}{(fix is null ? "" : " — fix: " + fix)}");
        }
        return null;
    }

    private static string? Error(CompatCell c, string d)
    {
        var real = c.Real(d);
        if (real?.Outcome == "error") return real.LabError ?? "lab error";
        var v = c.Predicted(d);
        return v.Kind == VerdictKind.Undecidable ? "undecidable: " + string.Join("; ", v.Missing) : null;
    }

    private static string Details(CompatCell c, string d)
    {
        var v = c.Predicted(d);
        var real = c.Real(d);
        var lines = new List<string> { $"predicted={VerdictJson.Kind(v.Kind)} real={real?.Outcome ?? "-"} agreement={real?.Agreement ?? "-"}" };
        lines.AddRange(v.Findings.Select(f => $"{f.Severity.ToString().ToLowerInvariant()} {f.Code}: {f.Message}"));
        lines.AddRange(c.Facts.Select(f => $"static {f.Code} ({f.Direction}): {f.Message}"));
        if (real is not null) lines.AddRange(real.Stderr.Select(l => "qemu: " + l));
        return string.Join('\n', lines);
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string S(double s) => s.ToString("0.000", CultureInfo.InvariantCulture);
}
