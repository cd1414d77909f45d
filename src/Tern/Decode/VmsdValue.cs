namespace Tern.Decode;

/// <summary>A decoded VMSD body: its fields in wire order and the subsections that were sent.</summary>
/// <param name="VmsdName">The VMSD name.</param>
/// <param name="Version">The version the body was written at.</param>
/// <param name="Fields">Field elements in wire order (arrays appear as one element per index).</param>
/// <param name="Subsections">Subsections in wire order.</param>
public sealed record VmsdValue(string VmsdName, int Version, IReadOnlyList<FieldValue> Fields, IReadOnlyList<SubsectionValue> Subsections)
{
    /// <summary>The first element of the named field, or null.</summary>
    public FieldValue? Field(string name)
    {
        for (var i = 0; i < Fields.Count; i++)
            if (Fields[i].Name == name) return Fields[i];
        return null;
    }

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

    /// <summary>Element <paramref name="index"/> of <see cref="Integers"/>, or null when there are not that many (nothing materialized).</summary>
    public ulong? Integer(string name, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        foreach (var f in Fields)
        {
            if (f.Name != name) continue;
            if (index < f.Count) return f.ElementUInt64(index);
            index -= f.Count;
        }
        return null;
    }

    /// <summary>The named subsection, or null when it was not sent.</summary>
    public SubsectionValue? Subsection(string name)
    {
        // A loop, not FirstOrDefault: every load asks each section for its subsections (no closure, no enumerator).
        for (var i = 0; i < Subsections.Count; i++)
            if (Subsections[i].Name == name) return Subsections[i];
        return null;
    }
}
