namespace Tern.Wire;

/// <summary>
/// A section header. START and FULL carry the full header; PART and END carry only the id, and the
/// reader fills <see cref="IdStr"/>, <see cref="InstanceId"/> and <see cref="VersionId"/> from the matching START.
/// </summary>
/// <param name="Type">START, PART, END or FULL.</param>
/// <param name="SectionId">The be32 section id.</param>
/// <param name="IdStr">The section's idstr (e.g. <c>ram</c>, <c>cpu</c>, <c>0000:00:1f.2/ich9_ahci</c>).</param>
/// <param name="InstanceId">The be32 instance id.</param>
/// <param name="VersionId">The be32 version id written by the source.</param>
public readonly record struct SectionHeader(SectionType Type, uint SectionId, string IdStr, uint InstanceId, uint VersionId)
{
    /// <summary>True for START and FULL, which carry idstr, instance and version on the wire.</summary>
    public bool HasFullHeader => Type is SectionType.Start or SectionType.Full;

    /// <summary>The name used in messages: <c>idstr</c>, or <c>idstr (instance N)</c> when N is not 0.</summary>
    public string DisplayName => InstanceId == 0 ? IdStr : $"{IdStr} (instance {InstanceId})";
}
