using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// Structural equality of vmdesc entries: same names, types, sizes, array lengths, indexes, nested structs and
/// subsections, in order. Decoding depends on nothing else, so one body decodes to equal values under equal entries.
/// </summary>
internal static class DescriptionEquality
{
    /// <summary>True when both entries describe the same body layout.</summary>
    public static bool Equal(VmDescriptionDevice a, VmDescriptionDevice b) =>
        a.Name == b.Name && a.InstanceId == b.InstanceId && a.LegacySize == b.LegacySize && Equal(a.Vmsd, b.Vmsd);

    private static bool Equal(Vmsd? a, Vmsd? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a is null || b is null) return false;
        if (a.Name != b.Name || a.VersionId != b.VersionId || a.Fields.Count != b.Fields.Count || a.Subsections.Count != b.Subsections.Count)
            return false;
        for (var i = 0; i < a.Fields.Count; i++)
        {
            var (x, y) = (a.Fields[i], b.Fields[i]);
            if (x.Name != y.Name || x.Type != y.Type || x.Size != y.Size || x.ArrayLength != y.ArrayLength || x.Index != y.Index || !Equal(x.Struct, y.Struct))
                return false;
        }
        for (var i = 0; i < a.Subsections.Count; i++)
            if (!Equal(a.Subsections[i], b.Subsections[i])) return false;
        return true;
    }
}
