using System.Text.Encodings.Web;
using System.Text.Json;
using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Cli.Reports;

/// <summary>
/// Writes a <see cref="SchemaDiffResult"/> as JSON (docs/diff.md): <c>old</c>, <c>new</c>, <c>compatible</c>,
/// <c>summary</c>, <c>findings</c>, <c>undecided</c>, <c>notCompared</c>, <c>limitations</c>.
/// </summary>
internal static class DiffJsonReport
{
    public static void Write(TextWriter output, SchemaDiffResult result)
    {
        using var buffer = new MemoryStream();
        Write(buffer, result);
        output.Write(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        output.Flush();
    }

    public static void Write(Stream output, SchemaDiffResult result)
    {
        using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        w.WriteStartObject();
        Input(w, "old", result.Old);
        Input(w, "new", result.New);
        w.WriteStartArray("directions");
        foreach (var d in Directions(result)) w.WriteStringValue(DiffTokens.Of(d));
        w.WriteEndArray();
        w.WriteBoolean("compatible", !result.HasBreaking);
        Summary(w, result);
        w.WriteStartArray("findings");
        foreach (var f in result.Findings) Finding(w, f);
        w.WriteEndArray();
        w.WriteStartArray("undecided");
        foreach (var u in result.Undecided) Undecided(w, u);
        w.WriteEndArray();
        w.WriteStartArray("notCompared");
        foreach (var u in result.Uncompared)
        {
            w.WriteStartObject();
            w.WriteString("direction", DiffTokens.Of(u.Direction));
            w.WriteString("section", u.Section);
            if (u.InstanceId is uint i) w.WriteNumber("instance", i);
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("limitations");
        foreach (var l in result.Limitations) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        output.WriteByte((byte)'\n');
    }

    private static IEnumerable<MigrationDirection> Directions(SchemaDiffResult r)
    {
        if (r.Directions.HasFlag(DiffDirections.Forward)) yield return MigrationDirection.Forward;
        if (r.Directions.HasFlag(DiffDirections.Backward)) yield return MigrationDirection.Backward;
    }

    private static void Input(Utf8JsonWriter w, string name, VmstateSchema s)
    {
        w.WriteStartObject(name);
        w.WriteString("file", s.Origin);
        w.WriteString("kind", DiffTokens.Of(s.InputKind));
        if (s.MachineType is { } m) w.WriteString("machine", m);
        else w.WriteNull("machine");
        w.WriteNumber("sections", s.Sections.Count);
        w.WriteEndObject();
    }

    private static void Summary(Utf8JsonWriter w, SchemaDiffResult r)
    {
        w.WriteStartObject("summary");
        foreach (var d in Directions(r))
        {
            w.WriteStartObject(DiffTokens.Of(d));
            foreach (var sev in new[] { FindingSeverity.Breaks, FindingSeverity.BreaksIfSent, FindingSeverity.Harmless })
                w.WriteNumber(DiffTokens.Of(sev), r.In(d).Count(f => f.Severity == sev));
            w.WriteNumber("undecided", r.Undecided.Count(u => u.Direction == d));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Finding(Utf8JsonWriter w, SchemaFinding f)
    {
        w.WriteStartObject();
        w.WriteString("code", f.Code);
        VerdictJson.WriteLoadRule(w, f.Code);
        w.WriteString("direction", DiffTokens.Of(f.Direction));
        w.WriteString("severity", DiffTokens.Of(f.Severity));
        w.WriteString("section", f.Section);
        if (f.InstanceId is uint i) w.WriteNumber("instance", i);
        w.WriteString("path", f.Path);
        w.WriteString("message", f.Message);
        w.WriteString("rule", f.Rule);
        if (f.QemuError is { } q) w.WriteString("qemuError", q);
        if (f.RenameRule is { } rr) w.WriteString("renameRule", rr);
        w.WriteEndObject();
    }

    private static void Undecided(Utf8JsonWriter w, UndecidedDifference u)
    {
        w.WriteStartObject();
        w.WriteString("code", u.Code);
        VerdictJson.WriteLoadRule(w, u.Code);
        w.WriteString("direction", DiffTokens.Of(u.Direction));
        w.WriteString("section", u.Section);
        if (u.InstanceId is uint i) w.WriteNumber("instance", i);
        w.WriteString("path", u.Path);
        w.WriteString("message", u.Message);
        w.WriteString("why", u.Why);
        w.WriteEndObject();
    }
}
