using System.Text.Json;
using Tern.Fleet;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>tern baseline --json</c> (docs/plan.md; field names are a contract): <c>{"options", "roundTrip", "direction",
/// "machine", "cpu", "compat", "caps", "hosts": [{"name", "qemu", "defaultMachine", "defaultCpu", "givesUp"}],
/// "pairs": [{"from", "to", "verdict", "findings", …}], "tried"}</c>; a pair's findings as <c>check --json</c> writes them.
/// </summary>
internal static class BaselineJson
{
    public static void Write(Stream output, BaselineResult b)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        if (b.Options is null) j.WriteNull("options"); else j.WriteString("options", b.Options);
        j.WriteBoolean("roundTrip", b.RoundTrip);
        j.WriteString("direction", b.Direction);
        j.WriteString("machine", b.Machine);
        j.WriteString("cpu", b.Cpu);
        j.WriteString("compat", b.Compat);
        j.WriteStartObject("caps");
        foreach (var (k, v) in b.Caps) j.WriteString(k, v);
        j.WriteEndObject();
        j.WriteStartArray("hosts");
        foreach (var h in b.Hosts)
        {
            j.WriteStartObject();
            j.WriteString("name", h.Name);
            j.WriteString("qemu", h.Qemu);
            j.WriteString("defaultMachine", h.DefaultMachine);
            j.WriteString("defaultCpu", h.DefaultCpu);
            j.WriteStartArray("givesUp");
            foreach (var g in h.GivesUp) j.WriteStringValue(g);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("pairs");
        foreach (var p in b.Pairs)
        {
            j.WriteStartObject();
            j.WriteString("from", p.From);
            j.WriteString("to", p.To);
            j.WriteString("verdict", VerdictJson.Kind(p.Verdict.Kind));
            VerdictJson.WriteBody(j, p.Verdict);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteNumber("tried", b.Tried);
        j.WriteEndObject();
        j.Flush();
        output.WriteByte((byte)'\n');
    }
}
