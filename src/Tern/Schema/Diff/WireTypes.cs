namespace Tern.Schema.Diff;

/// <summary>Facts about VMStateInfo type names (migration/vmstate-types.c, spec §7.1).</summary>
internal static class WireTypes
{
    /// <summary>
    /// The wire width of the fixed-width integer and bool types. For these, the dump's C size equals the wire size,
    /// because the VMSTATE_* macros type-check the field.
    /// </summary>
    public static int? FixedWidth(string? type) => type switch
    {
        "bool" or "int8" or "uint8" or "uint8 equal" => 1,
        "int16" or "uint16" or "uint16 equal" => 2,
        "int32" or "uint32" or "int32 equal" or "uint32 equal" or "int32 le" => 4,
        "int64" or "uint64" or "int64 equal" => 8,
        _ => null,
    };

    /// <summary>True for <c>VMSTATE_INT32_POSITIVE_LE</c> (type <c>int32 le</c>).</summary>
    public static bool IsUpperBound(string? type) => Rules.FieldBoundRule.Applies(type);

    /// <summary>True for the <c>VMSTATE_*_EQUAL</c> types.</summary>
    public static bool IsEquality(string? type) => Rules.FieldEqualRule.Applies(type);

    /// <summary>True for types whose size may be a per-stream length (<c>VMSTATE_VBUFFER</c> is written as <c>buffer</c>).</summary>
    public static bool MayBePerStreamSize(string? type) => type == "buffer";

    /// <summary>True when a host size is one an integer field could have.</summary>
    public static bool IsIntegerWidth(long size) => size is 1 or 2 or 4 or 8;
}
