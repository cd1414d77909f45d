using System.Text.Json;
using Tern.Decode;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// Writes a <see cref="StreamModel"/> as a real precopy stream in QEMU's order (header, configuration, RAM START with
/// MEM_SIZE, other iterative STARTs, RAM END, FULL sections, EOF, vmdesc), with footers, so that QEMU or Tern can read it.
/// Pages are not written: a guest that was never run has only zero pages, and no rule looks at RAM contents.
/// </summary>
public static class StreamModelWriter
{
    /// <summary>Returns the stream bytes.</summary>
    public static byte[] Write(StreamModel model) => Write(model, null, null).ToArray();

    /// <summary>
    /// Returns the stream bytes; <paramref name="encoded"/> may give a device's body already encoded (exactly what
    /// <see cref="VmStateEncoder.Encode(VmsdValue)"/> returns for it), or null to encode it here.
    /// </summary>
    /// <remarks>
    /// <paramref name="spans"/>, when given, gets where each device's section is in the result. The result is the
    /// writer's own buffer (sized from the bodies' lengths up front), not a copy of it.
    /// </remarks>
    internal static ArraySegment<byte> Write(StreamModel model, Func<DeviceSection, ReadOnlyMemory<byte>?>? encoded, List<SectionSpan>? spans)
    {
        ArgumentNullException.ThrowIfNull(model);
        var ms = new MemoryStream(EstimatedLength(model, encoded));
        Write(model, ms, encoded, null, spans);
        return new ArraySegment<byte>(ms.GetBuffer(), 0, checked((int)ms.Length));
    }

    /// <summary>
    /// Writes the stream to <paramref name="output"/> and returns its length. <paramref name="entries"/> may give a
    /// device's vmdesc entry already written (exactly what <see cref="DeviceEntryJson"/> returns for it). Written to
    /// <see cref="Stream.Null"/> with every body given, this is the stream's layout (lengths and offsets) at the cost
    /// of its headers alone.
    /// </summary>
    internal static long Write(StreamModel model, Stream output, Func<DeviceSection, ReadOnlyMemory<byte>?>? encoded,
        Func<DeviceSection, ReadOnlyMemory<byte>?>? entries, List<SectionSpan>? spans)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var w = new MigrationStreamWriter(output, leaveOpen: true) { PageSize = model.PageSize };
        w.WriteFileHeader();
        w.WriteConfiguration(model.Configuration);
        uint id = 1;
        var ram = new SectionHeader(SectionType.Start, id++, "ram", 0, 4);
        w.WriteSectionHeader(ram);
        w.WriteRamMemSize(model.RamBlocks);
        w.WriteRamFlag(RamPageFlags.Eos);
        w.WriteFooter(ram.SectionId);
        foreach (var (idstr, version) in model.IterativeSections)
        {
            if (idstr != "spapr/htab") continue; // the only other iterative format Tern writes
            var h = new SectionHeader(SectionType.Start, id++, idstr, 0, version);
            w.WriteSectionHeader(h);
            w.WriteHtabHeader(model.HtabShift ?? 0xFFFFFFFF);
            w.WriteFooter(h.SectionId);
        }
        w.WriteSectionHeader(ram with { Type = SectionType.End });
        w.WriteRamFlag(RamPageFlags.Eos);
        w.WriteFooter(ram.SectionId);
        ChunkedBufferWriter? body = null;
        foreach (var d in model.Devices)
        {
            var h = new SectionHeader(SectionType.Full, id++, d.IdStr, d.InstanceId, d.Version);
            var header = w.BytesWritten;
            w.WriteSectionHeader(h);
            var start = w.BytesWritten;
            if (encoded?.Invoke(d) is { } bytes) w.WriteBytes(bytes.Span);
            else
            {
                body ??= new ChunkedBufferWriter(w);
                VmStateEncoder.Encode(d.Body, body);
                body.Flush();
            }
            spans?.Add(new SectionSpan(header, start, w.BytesWritten - start));
            w.WriteFooter(h.SectionId);
        }
        w.WriteEof();
        w.WriteVmDescription(VmDescriptionJson(model, entries));
        return w.BytesWritten;
    }

    // The device bodies are nearly all of a page-less stream; the vmdesc and headers fit in the slack.
    private static int EstimatedLength(StreamModel model, Func<DeviceSection, ReadOnlyMemory<byte>?>? encoded)
    {
        long total = 64 << 10;
        foreach (var d in model.Devices) total += (encoded?.Invoke(d)?.Length ?? BodyLength(d.Body)) + 64;
        return (int)Math.Min(total, int.MaxValue / 2);
    }

    // The encoded length of a body (what VmStateEncoder would write: fields, then 0x05 len name be32 version body per subsection).
    private static long BodyLength(VmsdValue value)
    {
        long n = 0;
        foreach (var f in value.Fields) n += ElementLength(f);
        foreach (var s in value.Subsections) n += 6 + System.Text.Encoding.UTF8.GetByteCount(s.Name) + BodyLength(s.Body);
        return n;
    }

    // An element's encoded length: a decoded struct's as encoded now, anything else (a deferred struct included) its bytes.
    private static long ElementLength(FieldValue f) => f.Kind == FieldKind.Struct && f.HasStruct && !f.IsDeferred ? BodyLength(f.Struct!) : f.Raw.Length;

    /// <summary>The vmdesc JSON for the model's devices, in QEMU's key order.</summary>
    public static byte[] VmDescriptionJson(StreamModel model) => VmDescriptionJson(model, null);

    // Each device's entry is written on its own and placed in the array as it is: in compact JSON an object's bytes do
    // not depend on where it stands, so a cached entry is exactly what writing it here would give.
    private static byte[] VmDescriptionJson(StreamModel model, Func<DeviceSection, ReadOnlyMemory<byte>?>? entries)
    {
        ArgumentNullException.ThrowIfNull(model);
        var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartObject();
            j.WriteNumber("page_size", model.PageSize);
            j.WriteStartArray("devices");
            foreach (var d in model.Devices)
                j.WriteRawValue((entries?.Invoke(d) ?? DeviceEntryJson(d)).Span, skipInputValidation: true);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>One device's vmdesc entry (name, instance id, its VMSD with per-stream sizes), as compact JSON.</summary>
    internal static byte[] DeviceEntryJson(DeviceSection d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var buffer = new MemoryStream();
        using (var j = new Utf8JsonWriter(buffer))
        {
            j.WriteStartObject();
            j.WriteString("name", d.IdStr);
            j.WriteNumber("instance_id", d.InstanceId);
            WriteVmsd(j, d.Body, d.Description.Vmsd);
            j.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteVmsd(Utf8JsonWriter j, VmsdValue value, Vmsd? template)
    {
        j.WriteString("vmsd_name", value.VmsdName);
        j.WriteNumber("version", value.Version);
        j.WriteStartArray("fields");
        // One entry per element run: elements that came from one compressed entry are written back as one.
        var written = new HashSet<VmsdField>(ReferenceEqualityComparer.Instance);
        foreach (var f in value.Fields)
        {
            if (!written.Add(f.Description)) continue;
            j.WriteStartObject();
            j.WriteString("name", f.Description.Name);
            if (f.Description.ArrayLength is int n) j.WriteNumber("array_len", n);
            if (f.Description.Index is int ix) j.WriteNumber("index", ix);
            j.WriteString("type", f.Description.Type);
            if (f.HasStruct && f.Description.Type == "struct")
            {
                j.WriteStartObject("struct");
                WriteVmsd(j, f.Struct!, f.Description.Struct);
                j.WriteEndObject();
            }
            else if (f.HasStruct)
            {
                WriteVmsd(j, f.Struct!, f.Description.Struct);
            }
            j.WriteNumber("size", f.HasStruct ? ElementLength(f) : f.ElementSize);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        if (value.Subsections.Count > 0)
        {
            j.WriteStartArray("subsections");
            foreach (var s in value.Subsections)
            {
                j.WriteStartObject();
                WriteVmsd(j, s.Body, template?.Subsections.FirstOrDefault(t => t.Name == s.Name));
                j.WriteEndObject();
            }
            j.WriteEndArray();
        }
    }
}
