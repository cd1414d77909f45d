namespace Tern.Schema;

/// <summary>
/// A VMState description (<c>VMStateDescription</c>): a section's top-level body, a subsection or a struct child.
/// </summary>
/// <param name="Name">The VMSD name (subsections are named <c>parent/child</c>, e.g. <c>cpu/slb</c>).</param>
/// <param name="VersionId">For a dump, <c>version_id</c>; for a vmdesc, the version written, which is the sender's <c>version_id</c>.</param>
/// <param name="MinimumVersionId">The lowest version the owner loads; null when unknown (vmdesc).</param>
/// <param name="Fields">Fields in declaration (wire) order.</param>
/// <param name="Subsections">Declared subsections (dump) or the subsections that were sent, in wire order (vmdesc).</param>
public sealed record Vmsd(
    string Name,
    int VersionId,
    int? MinimumVersionId,
    IReadOnlyList<VmsdField> Fields,
    IReadOnlyList<Vmsd> Subsections)
{
    /// <summary>Finds a direct subsection by exact name.</summary>
    public Vmsd? FindSubsection(string name)
    {
        foreach (var s in Subsections)
            if (s.Name == name) return s;
        return null;
    }
}
