namespace Tern.Schema;

/// <summary>
/// One field of a <see cref="Vmsd"/>, in wire order. Properties a source does not know are null
/// (see <see cref="SchemaFacts"/>).
/// </summary>
/// <param name="Name">
/// The field name as the source prints it: the C expression for a dump (<c>env.msr</c>), the possibly
/// uniquified name for a vmdesc (<c>unused[1]</c> when a name repeats).
/// </param>
/// <param name="Size">The size of one element; what it measures is <paramref name="SizeKind"/>.</param>
/// <param name="SizeKind">Host (C) size or wire size.</param>
/// <param name="VersionId">The field's version gate (<c>_V(N)</c>); null when unknown (vmdesc).</param>
/// <param name="HasTest">True when the field has a test function that alone decides whether it is sent; null when unknown (vmdesc).</param>
/// <param name="ArrayLength">
/// The element count: for a dump, <c>num</c> of a fixed <c>VMS_ARRAY</c> (QEMU 8.1+; null for scalars, VARRAYs and older
/// dumps); for a vmdesc, the count that was sent (null for a scalar).
/// </param>
/// <param name="Type">The VMStateInfo name (<c>uint32</c>, <c>int32 le</c>, <c>buffer</c>, <c>struct</c>, …); null when unknown (dump).</param>
/// <param name="Struct">The child VMSD of a <c>VMS_STRUCT</c>/<c>VMS_VSTRUCT</c>/<c>tmp</c> field, else null.</param>
public sealed record VmsdField(
    string Name,
    long Size,
    FieldSizeKind SizeKind,
    int? VersionId,
    bool? HasTest,
    int? ArrayLength,
    string? Type,
    Vmsd? Struct)
{
    /// <summary>True for a field with a child VMSD.</summary>
    public bool IsStruct => Struct is not null;

    /// <summary>True for <c>VMSTATE_UNUSED</c> padding (name <c>unused</c>, or type <c>unused_buffer</c>).</summary>
    public bool IsUnused => Type == "unused_buffer" || FieldNames.Normalize(Name) == "unused";
}
