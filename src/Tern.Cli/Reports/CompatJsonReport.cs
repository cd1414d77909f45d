using System.Text.Json;
using Tern.Lab.Compat;
using Tern.Lab.Matrix;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>compat --json</c>: <c>{"old", "new", "arch", "summary": [...], "buildFacts": [...], "machines": [{"machine", "cpu",
/// "forward", "backward", "findings": [check --json findings with "direction"], "static": [...], "real": {"forward",
/// "backward", ...}}], "disagreements": [...], "timings": {...}}</c>. Field names are a contract (docs/compat.md).
/// </summary>
internal static class CompatJsonReport
{
    public static void Write(Stream output, CompatReport report, int exitCode)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        WriteBuild(j, "old", report.Old);
        WriteBuild(j, "new", report.New);
        j.WriteString("arch", report.Arch);
        j.WriteStartArray("summary");
        foreach (var m in report.Machines) j.WriteStringValue(m.Summary);
        j.WriteEndArray();
        j.WriteStartArray("buildFacts");
        foreach (var f in report.BuildFacts) WriteFact(j, f);
        j.WriteEndArray();
        j.WriteStartArray("machines");
        foreach (var c in report.Cells)
        {
            j.WriteStartObject();
            j.WriteString("machine", c.Machine);
            j.WriteString("cpu", c.Cpu);
            j.WriteString("forward", VerdictJson.Kind(c.Forward.Kind));
            j.WriteString("backward", VerdictJson.Kind(c.Backward.Kind));
            j.WriteStartArray("findings");
            foreach (var f in c.Forward.Findings) VerdictJson.WriteFinding(j, f, CompatDirection.Forward);
            foreach (var f in c.Backward.Findings) VerdictJson.WriteFinding(j, f, CompatDirection.Backward);
            j.WriteEndArray();
            j.WriteStartObject("missing");
            Strings(j, CompatDirection.Forward, c.Forward.Missing);
            Strings(j, CompatDirection.Backward, c.Backward.Missing);
            j.WriteEndObject();
            j.WriteStartArray("static");
            foreach (var f in c.Facts) WriteFact(j, f);
            j.WriteEndArray();
            j.WriteStartObject("real");
            WriteResult(j, CompatDirection.Forward, c.RealResult(CompatDirection.Forward));
            WriteResult(j, CompatDirection.Backward, c.RealResult(CompatDirection.Backward));
            j.WriteStartObject("outcome");
            WriteOutcome(j, CompatDirection.Forward, c.RealForward);
            WriteOutcome(j, CompatDirection.Backward, c.RealBackward);
            j.WriteEndObject();
            j.WriteStartObject("agreement");
            WriteAgreement(j, CompatDirection.Forward, c.RealForward);
            WriteAgreement(j, CompatDirection.Backward, c.RealBackward);
            j.WriteEndObject();
            j.WriteStartObject("stderr");
            Strings(j, CompatDirection.Forward, c.RealForward?.Stderr ?? []);
            Strings(j, CompatDirection.Backward, c.RealBackward?.Stderr ?? []);
            j.WriteEndObject();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("disagreements");
        foreach (var (c, d) in report.Disagreements)
        {
            var r = c.Real(d)!;
            j.WriteStartObject();
            j.WriteString("machine", c.Machine);
            j.WriteString("cpu", c.Cpu);
            j.WriteString("direction", d);
            j.WriteString("predicted", r.PredictedVerdict);
            j.WriteString("prediction", r.PredictionSummary);
            j.WriteString("real", r.Outcome);
            Strings(j, "qemuStderr", r.Stderr);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartObject("timings");
        j.WriteNumber("predictMs", Math.Round(report.PredictMs, 1));
        j.WriteNumber("realMs", Math.Round(report.RealMs, 1));
        j.WriteEndObject();
        j.WriteNumber("exit", exitCode);
        j.WriteEndObject();
        j.Flush();
        output.WriteByte((byte)'\n');
    }

    private static void WriteBuild(Utf8JsonWriter j, string name, CompatBuild b)
    {
        j.WriteStartObject(name);
        j.WriteString("label", b.Label);
        j.WriteString("version", b.Profile.Qemu.Version);
        j.WriteString("package", b.Profile.Qemu.Package);
        j.WriteString("buildId", b.Profile.Qemu.BuildId);
        j.WriteString("profile", b.Origin);
        j.WriteBoolean("runnable", b.Installation is not null);
        j.WriteEndObject();
    }

    private static void WriteFact(Utf8JsonWriter j, CompatFact f)
    {
        j.WriteStartObject();
        j.WriteString("code", f.Code);
        j.WriteString("direction", f.Direction);
        j.WriteString("message", f.Message);
        if (f.Remedy is null) j.WriteNull("remedy"); else j.WriteString("remedy", f.Remedy);
        j.WriteBoolean("breaks", f.Breaks);
        j.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter j, string name, string? result)
    {
        if (result is null) j.WriteNull(name); else j.WriteString(name, result);
    }

    private static void WriteOutcome(Utf8JsonWriter j, string name, MatrixRecord? r)
    {
        if (r is null) j.WriteNull(name); else j.WriteString(name, r.Outcome);
    }

    private static void WriteAgreement(Utf8JsonWriter j, string name, MatrixRecord? r)
    {
        if (r is null) j.WriteNull(name); else j.WriteString(name, r.Agreement);
    }

    private static void Strings(Utf8JsonWriter j, string name, IEnumerable<string> values)
    {
        j.WriteStartArray(name);
        foreach (var v in values) j.WriteStringValue(v);
        j.WriteEndArray();
    }
}
