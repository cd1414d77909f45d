using System.Text.Json;

namespace Tern.Lab.Matrix;

/// <summary>Writes and reads <see cref="MatrixRecord"/> as JSON (no reflection: Utf8JsonWriter / JsonElement).</summary>
public static class MatrixRecordJson
{
    /// <summary>Writes one record as a JSON object.</summary>
    public static void Write(Utf8JsonWriter w, MatrixRecord r)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.WriteStartObject();
        w.WriteString("cell", r.CellId);
        w.WriteString("key", r.Key);
        w.WriteString("arch", r.Arch);
        w.WriteString("machine", r.Machine);
        w.WriteString("cpu", r.Cpu);
        w.WriteString("variant", r.Variant);
        w.WriteString("transport", r.Transport);
        w.WriteStartObject("source");
        w.WriteString("qemu", r.SourceQemu);
        Strings(w, "args", r.SourceArgs);
        w.WriteEndObject();
        w.WriteStartObject("destination");
        w.WriteString("qemu", r.DestinationQemu);
        Strings(w, "args", r.DestinationArgs);
        w.WriteEndObject();
        w.WriteString("outcome", r.Outcome);
        Int(w, "exit", r.Exit);
        Int(w, "signal", r.Signal);
        Strings(w, "stderr", r.Stderr);
        Strings(w, "sourceStderr", r.SourceStderr);
        w.WriteString("errorDesc", r.ErrorDescription);
        w.WriteString("labError", r.LabError);
        if (r.StreamBytes is long b) w.WriteNumber("streamBytes", b); else w.WriteNull("streamBytes");
        w.WriteString("stream", r.StreamPath);
        if (r.BackOutcome is null) w.WriteNull("back");
        else
        {
            w.WriteStartObject("back");
            w.WriteString("outcome", r.BackOutcome);
            Int(w, "exit", r.BackExit);
            Strings(w, "stderr", r.BackStderr);
            w.WriteString("expected", r.ExpectedBackOutcome);
            w.WriteEndObject();
        }
        w.WriteStartObject("prediction");
        w.WriteString("verdict", r.PredictedVerdict);
        Strings(w, "qemuErrors", r.PredictedErrors);
        Strings(w, "findings", r.FindingCodes);
        w.WriteString("summary", r.PredictionSummary);
        w.WriteEndObject();
        w.WriteString("agreement", r.Agreement);
        w.WriteString("expected", r.ExpectedOutcome);
        w.WriteBoolean("regression", r.Regression);
        w.WriteStartObject("timings");
        w.WriteNumber("wallMs", Math.Round(r.WallMs, 1));
        w.WriteNumber("qemuMs", Math.Round(r.QemuMs, 1));
        w.WriteNumber("predictMs", Math.Round(r.PredictMs, 1));
        w.WriteEndObject();
        w.WriteString("finishedAt", r.FinishedAt);
        w.WriteEndObject();
    }

    /// <summary>Serialises one record to UTF-8 JSON.</summary>
    public static byte[] ToUtf8(MatrixRecord r)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms)) Write(w, r);
        return ms.ToArray();
    }

    /// <summary>Reads a record written by <see cref="Write"/>.</summary>
    public static MatrixRecord Read(JsonElement e)
    {
        var src = e.GetProperty("source");
        var dst = e.GetProperty("destination");
        var pred = e.TryGetProperty("prediction", out var p) ? p : default;
        var back = e.TryGetProperty("back", out var bk) && bk.ValueKind == JsonValueKind.Object ? bk : default;
        var t = e.TryGetProperty("timings", out var tt) ? tt : default;
        return new MatrixRecord
        {
            CellId = Str(e, "cell") ?? "",
            Key = Str(e, "key") ?? "",
            Arch = Str(e, "arch") ?? "",
            Machine = Str(e, "machine") ?? "",
            Cpu = Str(e, "cpu") ?? "",
            Variant = Str(e, "variant") ?? "",
            Transport = Str(e, "transport") ?? "",
            SourceQemu = Str(src, "qemu") ?? "",
            SourceArgs = List(src, "args"),
            DestinationQemu = Str(dst, "qemu") ?? "",
            DestinationArgs = List(dst, "args"),
            Outcome = Str(e, "outcome") ?? "error",
            Exit = Int(e, "exit"),
            Signal = Int(e, "signal"),
            Stderr = List(e, "stderr"),
            SourceStderr = List(e, "sourceStderr"),
            ErrorDescription = Str(e, "errorDesc"),
            LabError = Str(e, "labError"),
            StreamBytes = e.TryGetProperty("streamBytes", out var sb) && sb.ValueKind == JsonValueKind.Number && sb.TryGetInt64(out var sbv) ? sbv : null,
            StreamPath = Str(e, "stream"),
            BackOutcome = Str(back, "outcome"),
            BackExit = Int(back, "exit"),
            BackStderr = List(back, "stderr"),
            ExpectedBackOutcome = Str(back, "expected"),
            PredictedVerdict = Str(pred, "verdict") ?? "undecidable",
            PredictedErrors = List(pred, "qemuErrors"),
            FindingCodes = List(pred, "findings"),
            PredictionSummary = Str(pred, "summary") ?? "",
            Agreement = Str(e, "agreement") ?? "unpredicted",
            ExpectedOutcome = Str(e, "expected"),
            Regression = e.TryGetProperty("regression", out var rg) && rg.ValueKind == JsonValueKind.True,
            WallMs = Dbl(t, "wallMs"),
            QemuMs = Dbl(t, "qemuMs"),
            PredictMs = Dbl(t, "predictMs"),
            FinishedAt = Str(e, "finishedAt") ?? "",
        };
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Int(Utf8JsonWriter w, string name, int? v)
    {
        if (v is int i) w.WriteNumber(name, i); else w.WriteNull(name);
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static int? Int(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : null;

    private static double Dbl(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : 0;

    private static List<string> List(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
}
