using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tern.Decode;
using Tern.Schema;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Cli.Reports;

/// <summary>
/// <c>inspect --json</c>: the layout of QEMU's analyze-migration.py <c>-d state</c> (keys "idstr (section_id)", integers
/// as 0x-hex, buffers as space-separated hex bytes, repeated names as lists), written straight from a device body and its vmdesc
/// description, with no intermediate <see cref="VmsdValue"/> tree. It makes the decoder's own checks
/// (<see cref="BodyChecks.Validate"/>: sizes, runs of empty elements, nullptr marker, struct sizes, subsection headers,
/// whole body consumed) in a first pass that builds nothing, then writes; field paths are built only for
/// error messages; integers and byte buffers are formatted into stack or pooled UTF-8 buffers; the
/// Utf8JsonWriter is flushed every 64 KiB (it otherwise keeps the whole document in memory).
/// </summary>
internal sealed class StateJsonWriter : IDisposable
{
    private static readonly ConditionalWeakTable<Vmsd, Layout> Layouts = new();
    private const int FlushThreshold = 1 << 16;
    private readonly Utf8JsonWriter _json;

    public StateJsonWriter(Stream output)
    {
        _json = new Utf8JsonWriter(output, new JsonWriterOptions
        {
            Indented = true,
            IndentSize = 4,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        _json.WriteStartObject();
    }

    /// <summary>
    /// Reads the whole stream and writes every section: RAM block sizes, spapr/htab as "", each device decoded with the
    /// stream's vmdesc or, without one, with <paramref name="framer"/>'s schema description (opaque when it has none).
    /// </summary>
    public void WriteAll(MigrationStreamReader reader, SchemaBodyFramer? framer = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var nextReport = 64L << 20;
        SectionHeader section = default;
        while (reader.Read())
        {
            if (progress is not null && reader.RecordOffset > nextReport) { progress(reader.RecordOffset); nextReport += 64L << 20; }
            switch (reader.Kind)
            {
                case MigrationRecordKind.SectionHeader:
                    section = reader.Section;
                    if (section.IdStr == "spapr/htab" && section.Type == SectionType.Start) WriteOpaque(section);
                    break;
                case MigrationRecordKind.RamMemSize:
                    WriteRam(section, reader.RamBlocks);
                    break;
                case MigrationRecordKind.DeviceState:
                    var device = reader.VmDescription?.Find(section.IdStr, section.InstanceId);
                    if (device is null && framer is not null && framer.Framed.TryGetValue((section.IdStr, section.InstanceId), out var framed))
                    {
                        device = framed.Device;
                        if (device is null)
                        {
                            WriteOpaque(section, reader.PayloadLength, framed.How);
                            break;
                        }
                    }
                    if (device is null) throw new MigrationStreamException(reader.RecordOffset, section.DisplayName, "no vmdesc entry to decode it with");
                    try
                    {
                        WriteDevice(device, section, reader.GetPayload(), reader.RecordOffset);
                    }
                    catch (VmStateDecodeException e)
                    {
                        throw new MigrationStreamException(e.Offset, section.DisplayName, e.Message);
                    }
                    break;
            }
        }
    }

    public void WriteRam(in SectionHeader section, IReadOnlyList<RamBlockInfo> blocks)
    {
        _json.WritePropertyName(Key(section));
        _json.WriteStartObject();
        _json.WritePropertyName("section sizes");
        _json.WriteStartObject();
        Span<byte> buf = stackalloc byte[18];
        foreach (var b in blocks)
        {
            "0x"u8.CopyTo(buf);
            b.UsedLength.TryFormat(buf[2..], out var n, "x16", CultureInfo.InvariantCulture);
            _json.WriteString(b.Name, buf[..(2 + n)]);
        }
        _json.WriteEndObject();
        _json.WriteEndObject();
    }

    public void WriteOpaque(in SectionHeader section) => _json.WriteString(Key(section), "");

    public void WriteOpaque(in SectionHeader section, long bytes, string how)
    {
        _json.WritePropertyName(Key(section));
        _json.WriteStartObject();
        _json.WriteNumber("opaque bytes", bytes);
        _json.WriteString("framed by", how);
        _json.WriteEndObject();
    }

    /// <summary>Checks the body against the description with the decoder's checks (<see cref="BodyChecks"/>), then writes it.</summary>
    public void WriteDevice(VmDescriptionDevice device, in SectionHeader section, ReadOnlySpan<byte> body, long offset)
    {
        var consumed = BodyChecks.Validate(device.Vmsd, body, offset, section.IdStr);
        if (consumed != body.Length) throw BodyChecks.NotConsumed(consumed, body.Length, offset, section.IdStr);
        _json.WritePropertyName(Key(section));
        Write(device.Vmsd, body);
    }

    private static string Key(in SectionHeader s) => $"{s.IdStr} ({s.SectionId})";

    /// <summary>Field entries grouped by name in order of first appearance (what StateJsonWriter's GroupBy does), computed once per description.</summary>
    private sealed class Layout
    {
        public Layout(Vmsd vmsd)
        {
            Kinds = vmsd.Fields.Select(f => FieldCodec.KindOf(f.WireType, f.Size)).ToArray();
            Signed = vmsd.Fields.Select(f => FieldCodec.IsSigned(f.WireType)).ToArray();
            var order = new List<string>();
            var byName = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < vmsd.Fields.Count; i++)
            {
                var name = vmsd.Fields[i].Name;
                if (!byName.TryGetValue(name, out var list)) { byName[name] = list = []; order.Add(name); }
                list.Add(i);
            }
            Groups = order.Select(n => (n, byName[n].ToArray(), byName[n].Sum(i => (long)vmsd.Fields[i].Count))).ToArray();
        }

        public FieldKind[] Kinds { get; }
        public bool[] Signed { get; }
        public (string Name, int[] Entries, long Elements)[] Groups { get; }
    }

    private static Layout LayoutOf(Vmsd vmsd) => Layouts.GetValue(vmsd, v => new Layout(v));

    /// <summary>Writes a body already checked by <see cref="BodyChecks.Validate"/>; returns the bytes consumed.</summary>
    private int Write(Vmsd vmsd, ReadOnlySpan<byte> data)
    {
        var layout = LayoutOf(vmsd);
        // Each entry's start offset (entries of one name need not be adjacent).
        var starts = vmsd.Fields.Count <= 64 ? stackalloc int[vmsd.Fields.Count] : new int[vmsd.Fields.Count];
        var pos = 0;
        for (var fi = 0; fi < vmsd.Fields.Count; fi++)
        {
            starts[fi] = pos;
            pos += (int)(vmsd.Fields[fi].Size * vmsd.Fields[fi].Count);
        }
        _json.WriteStartObject();
        foreach (var (name, entries, elements) in layout.Groups)
        {
            _json.WritePropertyName(name);
            if (elements != 1) _json.WriteStartArray();
            foreach (var fi in entries)
            {
                var f = vmsd.Fields[fi];
                var size = (int)f.Size;
                for (var i = 0; i < f.Count; i++)
                {
                    WriteElement(f, layout.Kinds[fi], layout.Signed[fi], data.Slice(starts[fi] + i * size, size));
                    // Utf8JsonWriter over a Stream buffers everything until Flush: keep that buffer small.
                    if (_json.BytesPending > FlushThreshold) _json.Flush();
                }
            }
            if (elements != 1) _json.WriteEndArray();
        }
        foreach (var s in vmsd.Subsections)
        {
            int len = data[pos + 1];
            pos += 2 + len + 4;
            _json.WritePropertyName(s.Name);
            pos += Write(s, data[pos..]);
        }
        _json.WriteEndObject();
        return pos;
    }

    private void WriteElement(VmsdField f, FieldKind kind, bool signed, ReadOnlySpan<byte> raw)
    {
        switch (kind)
        {
            case FieldKind.Struct when f.Struct is not null && f.Type == "struct":
                Write(f.Struct, raw);
                return;
            case FieldKind.Bool:
                _json.WriteBooleanValue(raw[0] != 0);
                return;
            case FieldKind.NullPointer:
                _json.WriteStringValue("nullptr"u8);
                return;
            case FieldKind.Integer:
                WriteInteger(raw, signed);
                return;
            default:
                WriteHexBytes(raw);
                return;
        }
    }

    private void WriteInteger(ReadOnlySpan<byte> raw, bool signed)
    {
        // The bytes are big-endian, so "0x" + their hex digits in order is the zero-padded value.
        Span<byte> buf = stackalloc byte[48];
        "0x"u8.CopyTo(buf);
        var n = 2;
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        foreach (var b in raw)
        {
            buf[n++] = digits[b >> 4];
            buf[n++] = digits[b & 15];
        }
        if (signed && (raw[0] & 0x80) != 0)
        {
            ulong u = raw.Length switch
            {
                1 => raw[0],
                2 => BinaryPrimitives.ReadUInt16BigEndian(raw),
                4 => BinaryPrimitives.ReadUInt32BigEndian(raw),
                _ => BinaryPrimitives.ReadUInt64BigEndian(raw),
            };
            var v = raw.Length < 8 ? (long)(u | (ulong.MaxValue << (raw.Length * 8))) : (long)u;
            " ("u8.CopyTo(buf[n..]);
            n += 2;
            v.TryFormat(buf[n..], out var m, default, CultureInfo.InvariantCulture);
            n += m;
            buf[n++] = (byte)')';
        }
        _json.WriteStringValue(buf[..n]);
    }

    private void WriteHexBytes(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
        {
            _json.WriteStringValue(""u8);
            return;
        }
        var length = raw.Length * 3 - 1;
        byte[]? rented = null;
        var buf = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        ReadOnlySpan<byte> digits = "0123456789abcdef"u8;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            buf[3 * i] = digits[b >> 4];
            buf[3 * i + 1] = digits[b & 15];
            if (i + 1 < raw.Length) buf[3 * i + 2] = (byte)' ';
        }
        _json.WriteStringValue(buf[..length]);
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
    }

    public void Dispose()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Dispose();
    }
}
