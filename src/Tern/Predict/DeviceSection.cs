using Tern.Decode;
using Tern.Wire;

namespace Tern.Predict;

/// <summary>A FULL device section of a <see cref="StreamModel"/>: its header, its vmdesc entry, and its decoded body.</summary>
/// <param name="IdStr">The section idstr.</param>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Version">The section version.</param>
/// <param name="Description">The vmdesc entry describing the body as sent.</param>
/// <param name="Body">The decoded body.</param>
/// <param name="Offset">Absolute offset of the section header in the stream (0 for a model not read from bytes).</param>
public sealed record DeviceSection(string IdStr, uint InstanceId, uint Version, VmDescriptionDevice Description, VmsdValue Body, long Offset = 0);
