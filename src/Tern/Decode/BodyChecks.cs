using System.Text;
using Tern.Vmstate;
using Tern.Wire;

namespace Tern.Decode;

/// <summary>
/// The checks a device body must pass against its vmdesc description (migration/vmstate.c vmstate_load_state:
/// sizes, the nullptr marker, struct element sizes, each subsection's 0x05 header), each written once with its
/// message. <see cref="VmStateDecoder"/> makes them as it builds values; <see cref="Validate"/> makes them all without
/// building any, for writers that read the bytes themselves (<c>inspect --json</c>).
/// </summary>
public static class BodyChecks
{
    /// <summary>The most elements of 0 bytes one field may have (each still costs a decoded or written value).</summary>
    public const int MaxEmptyElements = 1 << 16;

    /// <summary>Checks a whole body, or throws at the first byte that fails; returns the bytes the description accounts for.</summary>
    /// <exception cref="VmStateDecodeException">The body does not match the description.</exception>
    public static int Validate(Vmsd vmsd, ReadOnlySpan<byte> data, long offset, string path)
    {
        ArgumentNullException.ThrowIfNull(vmsd);
        var pos = 0;
        foreach (var f in vmsd.Fields)
        {
            var kind = FieldCodec.KindOf(f.WireType, f.Size);
            if (f.Size == 0 && f.Count > MaxEmptyElements) throw TooManyEmptyElements(f, offset + pos, path);
            for (var i = 0; i < f.Count; i++)
            {
                if (f.Size > data.Length - pos) throw TooShort(f, data.Length - pos, offset + pos, path, i);
                var size = (int)f.Size;
                switch (kind)
                {
                    case FieldKind.Struct when f.Struct is not null:
                        var used = Validate(f.Struct, data.Slice(pos, size), offset + pos, ElementPath(path, f, i));
                        if (used != size) throw StructLengthDiffers(f, used, offset + pos, path, i);
                        break;
                    case FieldKind.NullPointer when data[pos] != NullPointerMarker:
                        throw NotNullPointer(f, offset + pos, path, i);
                }
                pos += size;
            }
        }
        foreach (var s in vmsd.Subsections)
        {
            pos += SubsectionHeader(s, data[pos..], offset + pos, path);
            pos += Validate(s, data[pos..], offset + pos, $"{path}/{s.Name}");
        }
        return pos;
    }

    /// <summary>A section body longer than its description accounts for (<paramref name="consumed"/> of <paramref name="length"/> bytes).</summary>
    public static VmStateDecodeException NotConsumed(int consumed, int length, long offset, string idstr) =>
        new(offset + consumed, idstr, $"the description accounts for {consumed} of the body's {length} bytes");

    /// <summary>vmstate-types.c put_nullptr: a null pointer is sent as this one byte.</summary>
    public const byte NullPointerMarker = 0x30;

    /// <summary>A field of more than <see cref="MaxEmptyElements"/> elements of 0 bytes, which never run out of body.</summary>
    public static VmStateDecodeException TooManyEmptyElements(VmsdField f, long offset, string path) =>
        new(offset, $"{path}.{f.Name}", $"{f.Count} elements of 0 bytes: more than {MaxEmptyElements} is not a real description");

    /// <summary>An element of <paramref name="f"/> longer than the <paramref name="remaining"/> bytes of the body.</summary>
    public static VmStateDecodeException TooShort(VmsdField f, int remaining, long offset, string path, int element) =>
        new(offset, ElementPath(path, f, element), $"needs {f.Size} bytes but only {remaining} remain in the body");

    /// <summary>A struct element whose fields and subsections take <paramref name="used"/> bytes, not the size the vmdesc gives it.</summary>
    public static VmStateDecodeException StructLengthDiffers(VmsdField f, int used, long offset, string path, int element) =>
        new(offset + used, ElementPath(path, f, element), $"the vmdesc gives the element {f.Size} bytes, but its fields and subsections take {used}");

    /// <summary>vmstate-types.c get_nullptr: anything but <see cref="NullPointerMarker"/> where a null pointer is sent.</summary>
    public static VmStateDecodeException NotNullPointer(VmsdField f, long offset, string path, int element) =>
        new(offset, ElementPath(path, f, element), "vmstate: get_nullptr expected VMS_NULLPTR_MARKER (0x30)");

    /// <summary>
    /// Checks the header of subsection <paramref name="s"/> at the start of <paramref name="data"/> (0x05, u8 length,
    /// the name as bytes, be32 version) and returns its length.
    /// </summary>
    /// <exception cref="VmStateDecodeException">Not the subsection the description lists next.</exception>
    public static int SubsectionHeader(Vmsd s, ReadOnlySpan<byte> data, long offset, string parent)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (data.Length < 2 || data[0] != (byte)SectionType.Subsection)
            throw new VmStateDecodeException(offset, $"{parent}/{s.Name}", $"Subsection {s.Name} not found: expected 0x05");
        int len = data[1];
        if (data.Length < 2 + len + 4)
            throw new VmStateDecodeException(offset, $"{parent}/{s.Name}", "subsection header runs past the body");
        // Compared as bytes: a name that is not UTF-8 must not match a vmdesc name holding U+FFFD.
        var name = data.Slice(2, len);
        if (!NameMatches(name, s.Name))
            throw new VmStateDecodeException(offset, $"{parent}/{s.Name}", $"found subsection '{Encoding.UTF8.GetString(name)}' where the vmdesc lists '{s.Name}'");
        return 2 + len + 4;
    }

    /// <summary>The path of one element: <c>parent.name[index]</c>, or <c>parent.name</c> for a field that is no array.</summary>
    public static string ElementPath(string parent, VmsdField f, int element)
    {
        int? index = f.ArrayLength.HasValue ? element : f.Index;
        return index is int i ? $"{parent}.{f.Name}[{i}]" : $"{parent}.{f.Name}";
    }

    private static bool NameMatches(ReadOnlySpan<byte> utf8, string name)
    {
        Span<byte> expected = stackalloc byte[256];
        return Encoding.UTF8.TryGetBytes(name, expected, out var n) && utf8.SequenceEqual(expected[..n]);
    }
}
