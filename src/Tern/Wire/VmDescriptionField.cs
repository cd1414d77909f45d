namespace Tern.Wire;

/// <summary>
/// One field entry of the JSON vmdesc (migration/vmstate.c <c>vmsd_desc_field_start</c>/<c>_end</c>).
/// Sizes are what this stream wrote, per element.
/// </summary>
/// <param name="Name">Field name, made unique as <c>name[k]</c> by QEMU when it repeats.</param>
/// <param name="Type">The VMStateInfo name (<c>uint32</c>, <c>buffer</c>, …), or <c>struct</c>, <c>vstruct</c>, <c>tmp</c>, <c>nullptr</c>.</param>
/// <param name="Size">Bytes written for one element, including nested subsections.</param>
/// <param name="ArrayLength">For compressed arrays, the element count (only the first element is described).</param>
/// <param name="Index">For non-compressed arrays, this element's index (absent on the last element from 10.0).</param>
/// <param name="Struct">The nested description for <c>struct</c>, <c>vstruct</c> and <c>tmp</c> fields.</param>
public sealed record VmDescriptionField(
    string Name,
    string Type,
    long Size,
    int? ArrayLength,
    int? Index,
    VmsdDescription? Struct)
{
    /// <summary>How many elements this entry stands for (<see cref="ArrayLength"/>, else 1).</summary>
    public int Count => ArrayLength ?? 1;
}
