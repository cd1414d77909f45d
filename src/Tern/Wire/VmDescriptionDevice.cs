using Tern.Vmstate;

namespace Tern.Wire;

/// <summary>A <c>devices[]</c> entry of the vmdesc: one FULL section written by the source.</summary>
/// <param name="Name">The section idstr.</param>
/// <param name="InstanceId">The section instance id.</param>
/// <param name="Vmsd">The VMSD description; for a legacy (non-VMSD) handler its fields hold one <c>data</c> buffer.</param>
/// <param name="LegacySize">For legacy handlers, the section's total size.</param>
public sealed record VmDescriptionDevice(string Name, uint InstanceId, Vmsd Vmsd, long? LegacySize)
{
    /// <summary>True for a non-VMSD handler described only by its size.</summary>
    public bool IsLegacy => LegacySize.HasValue;
}
