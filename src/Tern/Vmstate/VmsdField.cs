namespace Tern.Vmstate;

/// <summary>
/// One field of a <see cref="Vmsd"/>, in wire order: a field of a <c>-dump-vmstate</c> VMSD, or one entry of a
/// stream's vmdesc (migration/vmstate.c <c>vmsd_desc_field_start</c>/<c>_end</c>). Properties a source does not know
/// are null (see <c>Schema.SchemaFacts</c>).
/// </summary>
/// <param name="Name">
/// The field name as the source prints it: the C expression for a dump (<c>env.msr</c>), the possibly
/// uniquified name for a vmdesc (<c>unused[1]</c> when a name repeats).
/// </param>
/// <param name="Size">The size of one element; what it measures is <paramref name="SizeKind"/> (a vmdesc's includes nested subsections).</param>
/// <param name="SizeKind">Host (C) size or wire size.</param>
/// <param name="VersionId">The field's version gate (<c>_V(N)</c>); null when unknown (vmdesc).</param>
/// <param name="HasTest">True when the field has a test function that alone decides whether it is sent; null when unknown (vmdesc).</param>
/// <param name="ArrayLength">
/// The element count: for a dump, <c>num</c> of a fixed <c>VMS_ARRAY</c> (QEMU 8.1+; null for scalars, VARRAYs and older
/// dumps); for a vmdesc entry, the <c>array_len</c> of a compressed array, whose first element alone is described
/// (null for a scalar or an element entry).
/// </param>
/// <param name="Type">The VMStateInfo name (<c>uint32</c>, <c>int32 le</c>, <c>buffer</c>, <c>struct</c>, <c>nullptr</c>, …); null when unknown (dump).</param>
/// <param name="Struct">The child VMSD of a <c>VMS_STRUCT</c>/<c>VMS_VSTRUCT</c>/<c>tmp</c> field, else null.</param>
/// <param name="Index">
/// For a vmdesc entry of a non-compressed array, this element's index (absent on the last element from 10.0); null for
/// a dump.
/// </param>
public sealed record VmsdField(
    string Name,
    long Size,
    FieldSizeKind SizeKind,
    int? VersionId,
    bool? HasTest,
    int? ArrayLength,
    string? Type,
    Vmsd? Struct,
    int? Index = null)
{
    /// <summary>
    /// A field as a stream's vmdesc describes it: what was written, at wire sizes, with no version gate or test
    /// (the vmdesc carries neither).
    /// </summary>
    public static VmsdField Described(string name, string type, long size, int? arrayLength = null, int? index = null, Vmsd? structure = null) =>
        new(name, size, FieldSizeKind.Wire, null, null, arrayLength, type, structure, index);

    /// <summary>True for a field with a child VMSD.</summary>
    public bool IsStruct => Struct is not null;

    /// <summary>True for <c>VMSTATE_UNUSED</c> padding (name <c>unused</c>, or type <c>unused_buffer</c>).</summary>
    public bool IsUnused => Type == "unused_buffer" || FieldNames.Normalize(Name) == "unused";

    /// <summary>
    /// How many elements a described entry stands for on the wire: <see cref="ArrayLength"/>, else 1. Meaningful for a
    /// vmdesc entry (or a body framed from a dump); a dump's VARRAY has no count.
    /// </summary>
    public int Count => ArrayLength ?? 1;

    /// <summary>The VMStateInfo name of a described field; a dump field, which has none, cannot be decoded.</summary>
    public string WireType => Type ?? throw new InvalidOperationException($"field '{Name}' has no type name (a -dump-vmstate field is not a wire description)");
}
