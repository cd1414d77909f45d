using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Decode;

/// <summary>
/// Decodes a device body with the description the source wrote in its vmdesc (what analyze-migration.py
/// does): fields in order by their per-stream sizes, arrays expanded, structs recursively, then the
/// subsections that were sent, each checked against its 0x05 header (migration/vmstate.c vmstate_load_state).
/// </summary>
public static class VmStateDecoder
{
    /// <summary>The most elements of 0 bytes one field may have (each still costs a decoded value).</summary>
    public const int MaxEmptyElements = BodyChecks.MaxEmptyElements;

    /// <summary>Decodes a whole device section body; the description must account for every byte.</summary>
    /// <remarks>The body is copied once (a reader's payload is only valid until its next record); fields are slices of that copy.</remarks>
    public static DeviceState DecodeDevice(VmDescriptionDevice device, in SectionHeader section, ReadOnlySpan<byte> body, long offset) =>
        DecodeDevice(device, section, (ReadOnlyMemory<byte>)body.ToArray(), offset);

    /// <summary>Decodes a whole device section body that the caller owns; fields are slices of it.</summary>
    public static DeviceState DecodeDevice(VmDescriptionDevice device, in SectionHeader section, ReadOnlyMemory<byte> body, long offset)
    {
        ArgumentNullException.ThrowIfNull(device);
        var value = Decode(device.Vmsd, body, offset, section.IdStr, out var consumed);
        if (consumed != body.Length) throw BodyChecks.NotConsumed(consumed, body.Length, offset, section.IdStr);
        return new DeviceState(section, offset, value);
    }

    /// <summary>Decodes one VMSD body from the start of <paramref name="memory"/>; <paramref name="consumed"/> is its length.</summary>
    public static VmsdValue Decode(Vmsd vmsd, ReadOnlyMemory<byte> memory, long offset, string path, out int consumed) =>
        Decode(vmsd, memory, offset, path, null, null, out consumed);

    // The body's path is parent.name[index]; it is formatted only when an error or a nested struct needs it, so an
    // array of thousands of struct elements (ics, spapr-xive) formats no string.
    private static VmsdValue Decode(Vmsd vmsd, ReadOnlyMemory<byte> memory, long offset, string parent, string? ownName, int? ownIndex, out int consumed)
    {
        ArgumentNullException.ThrowIfNull(vmsd);
        string? built = null;
        string Path() => built ??= ownName is null ? parent : FieldPath(parent, ownName, ownIndex);
        var data = memory.Span;
        var pos = 0;
        var fields = new List<FieldValue>(vmsd.Fields.Count);
        foreach (var f in vmsd.Fields)
        {
            var kind = FieldCodec.KindOf(f.WireType, f.Size);
            // Elements of 0 bytes never run out of body: a hostile array_len would make billions of them (decoded, or
            // written one by one by inspect --json).
            if (f.Size == 0 && f.Count > MaxEmptyElements) throw BodyChecks.TooManyEmptyElements(f, offset + pos, Path());
            if (f.ArrayLength is int n && n > 1 && kind is FieldKind.Integer or FieldKind.Bytes or FieldKind.Bool)
            {
                // A compressed array of leaf elements stays one byte run.
                if (f.Size > 0 && n > (data.Length - pos) / f.Size)
                    throw new VmStateDecodeException(offset + pos, $"{Path()}.{f.Name}", $"needs {f.Size} × {n} bytes for {n} elements but only {data.Length - pos} remain in the body");
                var total = f.Size * n;
                if (total > data.Length - pos)
                    throw new VmStateDecodeException(offset + pos, $"{Path()}.{f.Name}", $"needs {total} bytes for {n} elements but only {data.Length - pos} remain in the body");
                fields.Add(new FieldValue(f.Name, f, 0, kind, memory.Slice(pos, (int)total), null) { Count = n });
                pos += (int)total;
                continue;
            }
            for (var i = 0; i < f.Count; i++)
            {
                int? index = f.ArrayLength.HasValue ? i : f.Index;
                if (f.Size > data.Length - pos) throw BodyChecks.TooShort(f, data.Length - pos, offset + pos, Path(), i);
                var size = (int)f.Size;
                var element = memory.Slice(pos, size);
                VmsdValue? nested = null;
                switch (kind)
                {
                    case FieldKind.Struct when f.Struct is not null && StaticLength(f.Struct) == size:
                        // A layout fixed by its description alone decodes without error from exactly its bytes: decode it
                        // when it is first read (thousands of ics or XIVE entries that no rule looks into stay bytes).
                        fields.Add(FieldValue.Deferred(f.Name, f, index, element, DecodeDeferred));
                        pos += size;
                        continue;
                    case FieldKind.Struct when f.Struct is not null:
                        nested = Decode(f.Struct, element, offset + pos, Path(), f.Name, index, out var used);
                        if (used != size) throw BodyChecks.StructLengthDiffers(f, used, offset + pos, Path(), i);
                        break;
                    case FieldKind.NullPointer when element.Span[0] != BodyChecks.NullPointerMarker:
                        throw BodyChecks.NotNullPointer(f, offset + pos, Path(), i);
                }
                fields.Add(new FieldValue(f.Name, f, index, nested is null && kind == FieldKind.Struct ? FieldKind.Bytes : kind, element, nested));
                pos += size;
            }
        }
        if (vmsd.Subsections.Count == 0)
        {
            consumed = pos;
            return new VmsdValue(vmsd.Name, vmsd.VersionId, fields, []);
        }
        var subsections = new List<SubsectionValue>(vmsd.Subsections.Count);
        foreach (var s in vmsd.Subsections)
        {
            var subPath = $"{Path()}/{s.Name}";
            var header = BodyChecks.SubsectionHeader(s, data[pos..], offset + pos, Path());
            var name = s.Name;
            var version = BinaryPrimitives.ReadUInt32BigEndian(data.Slice(pos + header - 4, 4));
            pos += header;
            var body = Decode(s, memory[pos..], offset + pos, subPath, out var used);
            pos += used;
            subsections.Add(new SubsectionValue(name, version, body));
        }
        consumed = pos;
        return new VmsdValue(vmsd.Name, vmsd.VersionId, fields, subsections);
    }

    private static readonly Func<FieldValue, VmsdValue> DecodeDeferred = element =>
    {
        var value = Decode(element.Description.Struct!, element.Raw, 0, element.Name, out var used);
        // StaticLength said exactly this many bytes: anything else is a bug here, not bad input.
        if (used != element.Raw.Length) throw new InvalidOperationException($"deferred {element.Name} decoded {used} of {element.Raw.Length} bytes");
        return value;
    };

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Vmsd, StrongBox<long>> StaticLengths = [];

    /// <summary>
    /// The body length a description fixes by itself (no subsections, no null-pointer markers, no runs of empty
    /// elements, nested structs alike), or -1: a body of exactly that length decodes without any check failing.
    /// </summary>
    internal static long StaticLength(Vmsd vmsd) => StaticLengths.GetValue(vmsd, v => new StrongBox<long>(ComputeStaticLength(v))).Value;

    private static long ComputeStaticLength(Vmsd vmsd)
    {
        if (vmsd.Subsections.Count > 0) return -1;
        long total = 0;
        foreach (var f in vmsd.Fields)
        {
            var kind = FieldCodec.KindOf(f.WireType, f.Size);
            if (kind == FieldKind.NullPointer || f.Size < 0 || (f.Size == 0 && f.Count > MaxEmptyElements)) return -1;
            if (kind == FieldKind.Struct && f.Struct is not null && StaticLength(f.Struct) != f.Size) return -1;
            // A hostile size cannot overflow into a "fixed" length.
            if (f.Size > (long.MaxValue - total) / Math.Max(1, f.Count)) return -1;
            total += f.Size * f.Count;
        }
        return total;
    }

    private static string FieldPath(string path, string name, int? index) => index is int ix ? $"{path}.{name}[{ix}]" : $"{path}.{name}";
}
