using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// Which fields of a VMSD are on the wire at a given version (migration/vmstate.c vmstate_field_exists): a field with
/// a test is decided by the test alone, any other when its version_id is at most the version in play. A vmdesc is
/// already the list that was sent.
/// </summary>
internal static class FieldGate
{
    /// <summary>The fields present at <paramref name="version"/>; those left out by their version go to <paramref name="excluded"/>.</summary>
    /// <param name="vmsd">The VMSD.</param>
    /// <param name="side">The schema it belongs to.</param>
    /// <param name="version">The version in play; null when a vmdesc is read at another version than it was written (presence unknown).</param>
    /// <param name="pathPrefix">The report path of the VMSD body.</param>
    /// <param name="excluded">Receives the fields left out by their version gate.</param>
    public static List<GatedField> Present(Vmsd vmsd, VmstateSchema side, int? version, string pathPrefix, List<GatedField> excluded)
    {
        var list = new List<GatedField>(vmsd.Fields.Count);
        foreach (var f in vmsd.Fields)
        {
            if (side.Source == SchemaSource.StreamDescription)
            {
                list.Add(new GatedField(f, version is null ? FieldPresence.Unknown : FieldPresence.Always, vmsd, pathPrefix));
                continue;
            }
            if (f.HasTest == true)
            {
                list.Add(new GatedField(f, FieldPresence.IfTest, vmsd, pathPrefix));
                continue;
            }
            if (version is int v && f.VersionId is int fv && fv > v)
            {
                excluded.Add(new GatedField(f, FieldPresence.Always, vmsd, pathPrefix));
                continue;
            }
            list.Add(new GatedField(f, FieldPresence.Always, vmsd, pathPrefix));
        }
        return list;
    }
}
