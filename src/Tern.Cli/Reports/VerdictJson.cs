using System.Text.Json;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>tern check --json</c>: <c>{"verdict", "findings": [{"code", "severity", "message", "qemuError", "evidence", "remedy", ...}]}</c>
/// (field names are a contract).
/// </summary>
internal static class VerdictJson
{
    /// <summary>Writes the verdict and a newline; <paramref name="indented"/> false puts it on one line (<c>--batch</c>).</summary>
    public static void Write(Stream output, Verdict verdict, HostSpec? source, HostSpec destination, string? stream, bool indented = true, Action<Utf8JsonWriter>? more = null)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = indented });
        Write(j, verdict, source, destination, stream, more);
        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes the verdict object (no newline) with <paramref name="j"/> and flushes it: a batch reuses one writer and its buffer.</summary>
    public static void Write(Utf8JsonWriter j, Verdict verdict, HostSpec? source, HostSpec destination, string? stream, Action<Utf8JsonWriter>? more = null)
    {
        ArgumentNullException.ThrowIfNull(j);
        j.WriteStartObject();
        j.WriteString("verdict", Kind(verdict.Kind));
        if (source is not null) WriteSpec(j, "source", source);
        if (stream is not null) j.WriteString("stream", stream);
        WriteSpec(j, "destination", destination);
        WriteBody(j, verdict);
        more?.Invoke(j);
        j.WriteEndObject();
        j.Flush();
    }

    /// <summary>
    /// The verdict's <c>findings</c>, <c>missing</c> and <c>notes</c> properties, written into the object
    /// <paramref name="j"/> is in: the one finding writer every JSON report uses (check, batch, plan, baseline).
    /// </summary>
    public static void WriteBody(Utf8JsonWriter j, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(j);
        ArgumentNullException.ThrowIfNull(verdict);
        j.WriteStartArray("findings");
        foreach (var f in verdict.Findings) WriteFinding(j, f);
        j.WriteEndArray();
        j.WriteStartArray("missing");
        foreach (var m in verdict.Missing) j.WriteStringValue(m);
        j.WriteEndArray();
        j.WriteStartArray("notes");
        foreach (var n in verdict.Notes) j.WriteStringValue(n);
        j.WriteEndArray();
    }

    /// <summary>One finding as <c>check --json</c> writes it; <paramref name="direction"/> (compat) comes first when given.</summary>
    public static void WriteFinding(Utf8JsonWriter j, Finding f, string? direction = null)
    {
        j.WriteStartObject();
        if (direction is not null) j.WriteString("direction", direction);
        j.WriteString("code", f.Code);
        WriteLoadRule(j, f.Code);
        j.WriteString("severity", f.Severity.ToString().ToLowerInvariant());
        j.WriteString("message", f.Message);
        j.WriteStartArray("qemuError");
        foreach (var l in f.QemuError) j.WriteStringValue(l);
        j.WriteEndArray();
        j.WriteStartObject("evidence");
        var e = f.Evidence;
        if (e.Section is not null) j.WriteString("section", e.Section);
        if (e.Subsection is not null) j.WriteString("subsection", e.Subsection);
        if (e.Field is not null) j.WriteString("field", e.Field);
        if (e.SourceValue is not null) j.WriteString("sourceValue", e.SourceValue);
        if (e.DestinationValue is not null) j.WriteString("destinationValue", e.DestinationValue);
        if (e.Offset is long o) j.WriteNumber("offset", o);
        j.WriteEndObject();
        if (f.Remedy is null) j.WriteNull("remedy"); else j.WriteString("remedy", f.Remedy);
        j.WriteString("rule", f.Rule);
        j.WriteString("side", f.Side.Name());
        j.WriteString("confidence", Confidence(f.Confidence));
        j.WriteEndObject();
    }

    /// <summary>
    /// <c>"loadRule"</c>: the rule book's id of the QEMU load rule a finding code reports (the same for a diff and a
    /// check of one break), or null for a code that names no refusal.
    /// </summary>
    public static void WriteLoadRule(Utf8JsonWriter j, string code)
    {
        ArgumentNullException.ThrowIfNull(j);
        if (Tern.Rules.RuleBook.Of(code) is { } rule) j.WriteString("loadRule", Tern.Rules.RuleBook.Id(rule));
        else j.WriteNull("loadRule");
    }

    private static void WriteSpec(Utf8JsonWriter j, string name, HostSpec s)
    {
        j.WriteStartObject(name);
        j.WriteString("qemu", s.Qemu);
        j.WriteString("machine", s.Machine);
        j.WriteString("cpu", s.Cpu);
        j.WriteString("accel", s.Accelerator.ToString().ToLowerInvariant());
        j.WriteNumber("memoryBytes", s.MemoryBytes);
        j.WriteStartObject("machineProperties");
        foreach (var (k, v) in s.MachineProperties) j.WriteString(k, v);
        j.WriteEndObject();
        j.WriteStartArray("ignored");
        foreach (var i in s.Ignored) j.WriteStringValue(i);
        j.WriteEndArray();
        j.WriteStartArray("unmodelled");
        foreach (var i in s.Unmodelled) j.WriteStringValue(i);
        j.WriteEndArray();
        j.WriteEndObject();
    }

    public static string Kind(VerdictKind k) => k switch
    {
        VerdictKind.Compatible => "compatible",
        VerdictKind.Incompatible => "incompatible",
        _ => "undecidable",
    };

    /// <summary>How JSON spells a finding's confidence.</summary>
    public static string Confidence(FindingConfidence c) => c switch
    {
        FindingConfidence.Code => "code",
        FindingConfidence.Data => "data",
        _ => "inferred",
    };
}
