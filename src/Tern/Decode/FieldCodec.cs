namespace Tern.Decode;

/// <summary>
/// The table that maps a vmdesc type name to how its bytes are read and written
/// (migration/vmstate-types.c; names as analyze-migration.py's <c>vmsd_field_readers</c>).
/// Decoding and encoding both go through it.
/// </summary>
public static class FieldCodec
{
    private static readonly HashSet<string> Signed = new(StringComparer.Ordinal)
    {
        // analyze-migration.py shows these as signed (VMSDFieldInt), including the two "equal" 8/16-bit types.
        "int8", "int16", "int32", "int32 equal", "int32 le", "int64", "int64 equal", "uint8 equal", "uint16 equal",
    };

    private static readonly HashSet<string> Unsigned = new(StringComparer.Ordinal)
    {
        "uint8", "uint16", "uint32", "uint32 equal", "uint64",
    };

    /// <summary>The kind of a field with this type name and element size.</summary>
    public static FieldKind KindOf(string type, long size) => type switch
    {
        "struct" or "vstruct" or "tmp" => FieldKind.Struct,
        "bool" when size == 1 => FieldKind.Bool,
        "nullptr" when size == 1 => FieldKind.NullPointer,
        _ when (Signed.Contains(type) || Unsigned.Contains(type)) && size is 1 or 2 or 4 or 8 => FieldKind.Integer,
        _ => FieldKind.Bytes,
    };

    /// <summary>True when analyze-migration.py shows the type as a signed integer.</summary>
    public static bool IsSigned(string type) => Signed.Contains(type);
}
