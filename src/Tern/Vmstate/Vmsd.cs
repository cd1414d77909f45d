namespace Tern.Vmstate;

/// <summary>
/// A VMState description (<c>VMStateDescription</c>): a section's top-level body, a subsection or a struct child. This
/// is Tern's one VMState model: a <c>-dump-vmstate</c> file, a stream's vmdesc and a body framed from a dump all load
/// into it, and the wire decoder, <c>tern diff</c>, the destination model and host profiles all read it.
/// </summary>
/// <param name="Name">The VMSD name (subsections are named <c>parent/child</c>, e.g. <c>cpu/slb</c>).</param>
/// <param name="VersionId">For a dump, <c>version_id</c>; for a vmdesc, the version written, which is the sender's <c>version_id</c>.</param>
/// <param name="MinimumVersionId">The lowest version the owner loads; null when unknown (vmdesc).</param>
/// <param name="Fields">
/// Fields in declaration (wire) order. A vmdesc lists what it wrote entry by entry (an array element by element);
/// <c>Schema.VmDescriptionSchemaConverter</c> folds those runs into one field per C field so that it lines up with a dump.
/// </param>
/// <param name="Subsections">Declared subsections (dump) or the subsections that were sent, in wire order (vmdesc).</param>
public sealed record Vmsd(
    string Name,
    int VersionId,
    int? MinimumVersionId,
    IReadOnlyList<VmsdField> Fields,
    IReadOnlyList<Vmsd> Subsections)
{
    /// <summary>A VMSD as a stream's vmdesc describes it: the version written, no minimum (the vmdesc carries none).</summary>
    public static Vmsd Described(string name, int version, IReadOnlyList<VmsdField> fields, IReadOnlyList<Vmsd> subsections) =>
        new(name, version, null, fields, subsections);

    /// <summary>Finds a direct subsection by exact name.</summary>
    public Vmsd? FindSubsection(string name)
    {
        foreach (var s in Subsections)
            if (s.Name == name) return s;
        return null;
    }
}
