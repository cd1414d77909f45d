using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>A field as it takes part in one load: its presence at the versions in play and its report path.</summary>
internal sealed class GatedField(VmsdField field, FieldPresence presence, Vmsd owner, string pathPrefix)
{
    private string? _path;

    public VmsdField Field { get; } = field;
    public FieldPresence Presence { get; } = presence;
    public Vmsd Owner { get; } = owner;
    public string Name => Field.Name;

    /// <summary>The report path (<c>prefix.name</c>), built only when a finding needs it.</summary>
    public string Path => _path ??= pathPrefix + "." + Field.Name;

    /// <summary>
    /// Total bytes (element size × count), as the checker's padding arithmetic counts them: a dump field without
    /// <c>num</c> counts once (it is a scalar, or a VARRAY whose count is per stream).
    /// </summary>
    public long TotalBytes(VmstateSchema side) => Field.Size * (ElementCount(side) ?? 1);

    /// <summary>The element count when this side knows it: a vmdesc always, a dump only for a fixed array (<c>num</c>).</summary>
    public long? ElementCount(VmstateSchema side) =>
        side.Source == SchemaSource.StreamDescription ? Field.ArrayLength ?? 1 : Field.ArrayLength;
}
