namespace Tern.Decode;

/// <summary>A decoded VMSD body: its fields in wire order and the subsections that were sent.</summary>
/// <param name="VmsdName">The VMSD name.</param>
/// <param name="Version">The version the body was written at.</param>
/// <param name="Fields">Field elements in wire order (arrays appear as one element per index).</param>
/// <param name="Subsections">Subsections in wire order.</param>
public sealed record VmsdValue(string VmsdName, int Version, IReadOnlyList<FieldValue> Fields, IReadOnlyList<SubsectionValue> Subsections)
{
    /// <summary>The first element of the named field, or null.</summary>
    public FieldValue? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>All elements of the named field, in order.</summary>
    public IEnumerable<FieldValue> Elements(string name) => Fields.Where(f => f.Name == name);

    /// <summary>Every element of the named field as an unsigned integer, arrays expanded.</summary>
    public IEnumerable<ulong> Integers(string name)
    {
        foreach (var f in Fields)
        {
            if (f.Name != name) continue;
            for (var i = 0; i < f.Count; i++) yield return f.ElementUInt64(i);
        }
    }

    /// <summary>The named subsection, or null when it was not sent.</summary>
    public SubsectionValue? Subsection(string name) => Subsections.FirstOrDefault(s => s.Name == name);
}
