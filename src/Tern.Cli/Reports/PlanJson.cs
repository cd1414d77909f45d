using System.Text.Json;
using Tern.Fleet;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>tern plan --json</c> (docs/plan.md, schema <c>docs/plan.schema.json</c>; field names are a contract):
/// <c>{"format": "tern-plan/1", "hosts": [...], "vms": [{"name", "host", "targets": [{"host", "verdict", "findings",
/// "missing", "notes", "back": {"verdict", "findings", ...}, "roundTrip"}], "suggestion", "lifecycle"}], "statistics"}</c>.
/// A verdict's body is written by <see cref="VerdictJson.WriteBody"/> (as <c>check --json</c>), once per distinct verdict:
/// the bytes are reused for every pair that shares it.
/// </summary>
internal static class PlanJson
{
    public static void Write(Stream output, FleetPlan plan)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = true });
        var bodies = new Dictionary<Verdict, byte[]>(ReferenceEqualityComparer.Instance);
        j.WriteStartObject();
        j.WriteString("format", "tern-plan/1");
        j.WriteStartArray("hosts");
        foreach (var h in plan.Hosts)
        {
            j.WriteStartObject();
            j.WriteString("name", h.Name);
            j.WriteString("qemu", h.Label);
            j.WriteString("arch", h.Architecture.Name());
            j.WriteString("facts", h.Facts);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("vms");
        foreach (var vm in plan.Vms)
        {
            j.WriteStartObject();
            j.WriteString("name", vm.Name);
            j.WriteString("host", vm.Host);
            j.WriteStartArray("targets");
            foreach (var t in vm.Targets)
            {
                j.WriteStartObject();
                j.WriteString("host", t.Host);
                j.WriteString("verdict", VerdictJson.Kind(t.Verdict.Kind));
                j.WriteBoolean("roundTrip", t.RoundTrip);
                j.WriteRawValue(Body(bodies, t.Verdict), skipInputValidation: true);
                j.WriteStartObject("back");
                j.WriteString("verdict", VerdictJson.Kind(t.Back.Kind));
                j.WriteRawValue(Body(bodies, t.Back), skipInputValidation: true);
                j.WriteEndObject();
                j.WriteEndObject();
            }
            j.WriteEndArray();
            // The writer buffers until flushed: hand each VM's targets to the stream so memory stays flat.
            if (j.BytesPending > 1 << 20) j.Flush();
            WriteSuggestion(j, vm.Suggestion);
            j.WriteStartArray("lifecycle");
            foreach (var n in vm.Lifecycle)
            {
                j.WriteStartObject();
                j.WriteString("machine", n.Machine);
                j.WriteString("qemu", n.Qemu);
                j.WriteStartArray("hosts");
                foreach (var h in n.Hosts) j.WriteStringValue(h);
                j.WriteEndArray();
                j.WriteBoolean("byPolicy", n.ByPolicy);
                j.WriteString("removableFrom", n.RemovableFrom.ToString());
                j.WriteString("message", n.Message);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartObject("statistics");
        j.WriteNumber("pairs", plan.Statistics.Pairs);
        j.WriteNumber("vmClasses", plan.Statistics.VmClasses);
        j.WriteNumber("hostClasses", plan.Statistics.HostClasses);
        j.WriteNumber("engineCalls", plan.Statistics.EngineCalls);
        j.WriteEndObject();
        j.WriteEndObject();
        j.Flush();
        output.WriteByte((byte)'\n');
    }

    // The verdict's findings/missing/notes as raw property text ("findings":[…],"missing":[…],"notes":[…]), written once.
    private static byte[] Body(Dictionary<Verdict, byte[]> cache, Verdict v)
    {
        if (cache.TryGetValue(v, out var bytes)) return bytes;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            VerdictJson.WriteBody(w, v);
            w.WriteEndObject();
        }
        // Strip the braces: the properties go into the target's object.
        var all = ms.ToArray();
        bytes = all[1..^1];
        cache[v] = bytes;
        return bytes;
    }

    private static void WriteSuggestion(Utf8JsonWriter j, PlanSuggestion? s)
    {
        if (s is null)
        {
            j.WriteNull("suggestion");
            return;
        }
        j.WriteStartObject("suggestion");
        j.WriteString("kind", s.Kind);
        j.WriteString("option", s.Option);
        j.WriteString("description", s.Description);
        j.WriteNumber("compatibleBefore", s.CompatibleBefore);
        j.WriteNumber("compatibleAfter", s.CompatibleAfter);
        j.WriteStartArray("opened");
        foreach (var h in s.Opened) j.WriteStringValue(h);
        j.WriteEndArray();
        j.WriteEndObject();
    }
}
