using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// One entry of a schema: a device class of a dump (keyed by QOM type name) or a section instance of a vmdesc
/// (keyed by idstr and instance id).
/// </summary>
/// <param name="Key">The QOM type name (dump) or the section idstr (vmdesc).</param>
/// <param name="InstanceId">The section instance id; null for a dump.</param>
/// <param name="VersionId">The section's version: the dump's top-level <c>version_id</c>, or the version the stream's section was written at.</param>
/// <param name="MinimumVersionId">The dump's top-level <c>minimum_version_id</c>; null for a vmdesc.</param>
/// <param name="Vmsd">The section's VMSD; null only for a hand-made dump entry without a <c>Description</c>.</param>
/// <param name="IsLegacy">True for a vmdesc entry of a non-VMSD (legacy <c>SaveVMHandlers</c>) section, described only by its size.</param>
public sealed record SchemaSection(
    string Key,
    uint? InstanceId,
    int VersionId,
    int? MinimumVersionId,
    Vmsd? Vmsd,
    bool IsLegacy = false)
{
    /// <summary>The VMSD name (what a stream section's idstr is derived from), or the key when there is no VMSD.</summary>
    public string VmsdName => Vmsd?.Name ?? Key;

    /// <summary>A label for reports: the key, with the instance id when it is not 0.</summary>
    public string Label => InstanceId is uint i && i != 0 ? $"{Key} (instance {i})" : Key;
}
