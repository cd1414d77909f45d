using Tern.Wire;

namespace Tern.Decode;

/// <summary>A device section's decoded state.</summary>
/// <param name="Section">The section header (idstr, instance, version, id).</param>
/// <param name="Offset">Absolute stream offset of the body's first byte.</param>
/// <param name="Body">The decoded body.</param>
public sealed record DeviceState(SectionHeader Section, long Offset, VmsdValue Body);
