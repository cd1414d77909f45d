using System.Globalization;
using System.Xml;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>Writes JUnit XML: one testcase per cell; a disagreement with the prediction or a regression from the expected outcome is a failure.</summary>
internal static class MatrixJunitReport
{
    public static void Write(string path, IReadOnlyList<MatrixRecord> records)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        using var w = XmlWriter.Create(path, settings);
        w.WriteStartDocument();
        w.WriteStartElement("testsuites");
        w.WriteAttributeString("name", "tern matrix");
        w.WriteAttributeString("tests", N(records.Count));
        w.WriteAttributeString("failures", N(records.Count(r => r.Failed)));
        foreach (var group in records.GroupBy(r => (r.Arch, r.Machine)))
        {
            var list = group.ToList();
            w.WriteStartElement("testsuite");
            w.WriteAttributeString("name", $"{group.Key.Arch}.{group.Key.Machine}");
            w.WriteAttributeString("tests", N(list.Count));
            w.WriteAttributeString("failures", N(list.Count(r => r.Failed)));
            w.WriteAttributeString("errors", N(list.Count(r => r.Outcome == "error")));
            w.WriteAttributeString("time", S(list.Sum(r => r.WallMs) / 1000));
            foreach (var r in list)
            {
                w.WriteStartElement("testcase");
                w.WriteAttributeString("classname", $"matrix.{r.Arch}.{r.Machine}");
                w.WriteAttributeString("name", $"{r.SourceQemu} -> {r.DestinationQemu} cpu={r.Cpu} variant={r.Variant} transport={r.Transport}");
                w.WriteAttributeString("time", S(r.WallMs / 1000));
                if (r.Failed)
                {
                    w.WriteStartElement("failure");
                    var why = r.Regression
                        ? $"regression: expected {r.ExpectedOutcome}{(r.ExpectedBackOutcome is null ? "" : $" / back {r.ExpectedBackOutcome}")}, QEMU gave {r.Outcome}{(r.BackOutcome is null ? "" : $" / back {r.BackOutcome}")}"
                        : $"disagreement: Tern predicted {r.PredictedVerdict}, QEMU gave {r.Outcome}";
                    w.WriteAttributeString("message", why);
                    w.WriteAttributeString("type", r.Regression ? "regression" : "disagreement");
                    w.WriteString($"{why}\n{MatrixTally.Reason(r)}\nTern: {r.PredictionSummary} [{string.Join(", ", r.FindingCodes)}]");
                    w.WriteEndElement();
                }
                else if (r.Outcome == "error")
                {
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", r.LabError ?? "lab error");
                    w.WriteEndElement();
                }
                w.WriteStartElement("system-out");
                w.WriteString($"outcome={r.Outcome} exit={r.Exit?.ToString(CultureInfo.InvariantCulture) ?? "-"} back={r.BackOutcome ?? "-"} predicted={r.PredictedVerdict} agreement={r.Agreement}\n" +
                    $"source: {r.SourceQemu} {string.Join(' ', r.SourceArgs)}\ndestination: {r.DestinationQemu} {string.Join(' ', r.DestinationArgs)}");
                w.WriteEndElement();
                if (r.Stderr.Count > 0 || r.BackStderr.Count > 0)
                {
                    w.WriteStartElement("system-err");
                    w.WriteString(string.Join('\n', r.Stderr) + (r.BackStderr.Count > 0 ? "\n-- back hop --\n" + string.Join('\n', r.BackStderr) : ""));
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static string N(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}
