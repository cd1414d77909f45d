namespace Tern.Wire;

/// <summary>A VMSD body as described in a stream's vmdesc: its name, the version written, fields and the subsections that were sent.</summary>
/// <param name="VmsdName">The VMSD name (for subsections, e.g. <c>cpu/slb</c>).</param>
/// <param name="Version">The version written by the source.</param>
/// <param name="Fields">Fields in wire order.</param>
/// <param name="Subsections">Only the subsections that were sent, in wire order.</param>
public sealed record VmsdDescription(
    string VmsdName,
    int Version,
    IReadOnlyList<VmDescriptionField> Fields,
    IReadOnlyList<VmsdDescription> Subsections);
