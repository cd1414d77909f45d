using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Decode;

/// <summary>
/// One decoded field of a device's state: a single element, or a run of <see cref="Count"/> leaf elements of a
/// compressed array (kept as one byte run so a 2 MiB TCE table does not become 262,144 objects).
/// </summary>
/// <param name="Name">The field name as in the vmdesc.</param>
/// <param name="Description">The vmdesc entry this element came from.</param>
/// <param name="Index">The array index, for array elements.</param>
/// <param name="Kind">How the bytes are interpreted.</param>
/// <param name="Raw">The element's bytes exactly as sent (for structs: the whole nested body): a slice of the section body, not a copy.</param>
/// <param name="Struct">For <see cref="FieldKind.Struct"/>, the decoded nested body (null for a deferred element until it is read).</param>
public sealed record FieldValue(string Name, VmsdField Description, int? Index, FieldKind Kind, ReadOnlyMemory<byte> Raw, VmsdValue? Struct)
{
    private VmsdValue? _struct = Struct;
    // Set for a struct element decoded when first read (see VmStateDecoder: only layouts that cannot fail to decode).
    private Func<FieldValue, VmsdValue>? _decode;

    /// <summary>For <see cref="FieldKind.Struct"/>, the decoded nested body (decoded on first access for deferred elements).</summary>
    public VmsdValue? Struct
    {
        get => _struct ?? Materialize();
        init => _struct = value;
    }

    /// <summary>True when this element has a nested body, decoded or not yet; reading it never decodes.</summary>
    public bool HasStruct => _struct is not null || _decode is not null;

    /// <summary>True while the nested body has not been decoded: <see cref="Raw"/> is then exactly its wire bytes.</summary>
    public bool IsDeferred => _struct is null && _decode is not null;

    /// <summary>A struct element whose body <paramref name="decode"/> decodes from <see cref="Raw"/> when first read.</summary>
    internal static FieldValue Deferred(string name, VmsdField description, int? index, ReadOnlyMemory<byte> raw, Func<FieldValue, VmsdValue> decode) =>
        new(name, description, index, FieldKind.Struct, raw, null) { _decode = decode };

    // Two threads may decode the same element at once: both get the one value published first.
    private VmsdValue? Materialize()
    {
        if (_decode is not { } decode) return null;
        var value = decode(this);
        return Interlocked.CompareExchange(ref _struct, value, null) ?? value;
    }

    /// <summary>How many elements <see cref="Raw"/> holds (1 unless this is a compressed array of leaf elements).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Bytes per element.</summary>
    public int ElementSize => Count == 0 ? 0 : Raw.Length / Count;

    /// <summary>Element <paramref name="i"/> as an unsigned integer.</summary>
    public ulong ElementUInt64(int i)
    {
        ulong u = 0;
        foreach (var b in Raw.Span.Slice(i * ElementSize, ElementSize)) u = (u << 8) | b;
        return u;
    }

    /// <summary>Element <paramref name="i"/>'s bytes.</summary>
    public ReadOnlySpan<byte> Element(int i) => Raw.Span.Slice(i * ElementSize, ElementSize);

    /// <summary>True for the signed integer types (int8…int64, int32 equal, int64 equal, uint8/16 equal as analyze-migration.py shows them).</summary>
    public bool IsSigned => FieldCodec.IsSigned(Description.WireType);

    /// <summary>The integer value (sign-extended for signed types).</summary>
    public long AsInt64()
    {
        var raw = Raw.Span;
        ulong u = 0;
        foreach (var b in raw) u = (u << 8) | b;
        if (IsSigned && raw.Length is > 0 and < 8 && (raw[0] & 0x80) != 0) u |= ulong.MaxValue << (raw.Length * 8);
        return (long)u;
    }

    /// <summary>The integer value as unsigned.</summary>
    public ulong AsUInt64()
    {
        ulong u = 0;
        foreach (var b in Raw.Span) u = (u << 8) | b;
        return u;
    }

    /// <summary>The boolean value (any non-zero byte is true, as QEMU's get_bool).</summary>
    public bool AsBool() => Raw.Length > 0 && Raw.Span[0] != 0;
}
