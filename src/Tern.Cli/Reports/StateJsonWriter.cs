using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tern.Decode;
using Tern.Wire;

namespace Tern.Cli.Reports;

/// <summary>
/// Writes the decoded device state as JSON in the layout of analyze-migration.py <c>-d state</c>
/// (QEMU scripts/analyze-migration.py: keys "idstr (section_id)", integers as 0x-hex, buffers as
/// space-separated hex bytes, repeated names as lists), streaming one section at a time.
/// </summary>
internal sealed class StateJsonWriter : IDisposable
{
    private readonly Utf8JsonWriter _json;

    public StateJsonWriter(Stream output)
    {
        _json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 4,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        });
        _json.WriteStartObject();
    }

    /// <summary>The RAM section: its MEM_SIZE block list as "section sizes".</summary>
    public void WriteRam(in SectionHeader section, IReadOnlyList<RamBlockInfo> blocks)
    {
        _json.WritePropertyName(Key(section));
        _json.WriteStartObject();
        _json.WritePropertyName("section sizes");
        _json.WriteStartObject();
        foreach (var b in blocks) _json.WriteString(b.Name, "0x" + b.UsedLength.ToString("x16", CultureInfo.InvariantCulture));
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    /// <summary>A section shown as an empty string (spapr/htab, as analyze-migration.py does).</summary>
    public void WriteOpaque(in SectionHeader section) => _json.WriteString(Key(section), "");

    /// <summary>A device section that could be framed but not decoded: its size and how it was delimited.</summary>
    public void WriteOpaque(in SectionHeader section, long bytes, string how)
    {
        _json.WritePropertyName(Key(section));
        _json.WriteStartObject();
        _json.WriteNumber("opaque bytes", bytes);
        _json.WriteString("framed by", how);
        _json.WriteEndObject();
    }

    /// <summary>A decoded device section.</summary>
    public void WriteDevice(DeviceState state)
    {
        _json.WritePropertyName(Key(state.Section));
        WriteVmsd(state.Body);
    }

    private static string Key(in SectionHeader s) => $"{s.IdStr} ({s.SectionId})";

    private void WriteVmsd(VmsdValue value)
    {
        _json.WriteStartObject();
        foreach (var group in value.Fields.GroupBy(f => f.Name))
        {
            _json.WritePropertyName(group.Key);
            var items = group.ToList();
            if (items.Count == 1 && items[0].Count == 1)
            {
                WriteField(items[0], items[0].Raw);
                continue;
            }
            _json.WriteStartArray();
            foreach (var f in items)
            {
                for (var i = 0; i < f.Count; i++) WriteField(f, f.Element(i).ToArray());
            }
            _json.WriteEndArray();
        }
        foreach (var s in value.Subsections)
        {
            _json.WritePropertyName(s.Name);
            WriteVmsd(s.Body);
        }
        _json.WriteEndObject();
    }

    private void WriteField(FieldValue f, byte[] raw)
    {
        switch (f.Kind)
        {
            case FieldKind.Struct when f.Description.Type == "struct" && f.Struct is not null:
                WriteVmsd(f.Struct);
                return;
            case FieldKind.Bool:
                _json.WriteBooleanValue(raw.Length > 0 && raw[0] != 0);
                return;
            case FieldKind.NullPointer:
                _json.WriteStringValue("nullptr");
                return;
            case FieldKind.Integer:
                var element = f with { Raw = raw, Count = 1 };
                var hex = "0x" + element.AsUInt64().ToString("x" + (raw.Length * 2).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                var signed = element.AsInt64();
                _json.WriteStringValue(f.IsSigned && signed < 0 ? $"{hex} ({signed.ToString(CultureInfo.InvariantCulture)})" : hex);
                return;
            default:
                _json.WriteStringValue(HexBytes(raw));
                return;
        }
    }

    private static string HexBytes(byte[] raw)
    {
        if (raw.Length == 0) return "";
        var sb = new StringBuilder(raw.Length * 3);
        foreach (var b in raw)
        {
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    public void Dispose()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
    }
}
