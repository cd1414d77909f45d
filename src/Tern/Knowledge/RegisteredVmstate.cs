namespace Tern.Knowledge;

/// <summary>
/// What a binary's <c>-dump-vmstate</c> declares that no stream shows: every subsection its device classes register
/// (sent or not), and the lowest version each section or subsection VMSD loads.
/// </summary>
/// <param name="Subsections">Every declared subsection, nested ones included, with its highest version.</param>
/// <param name="MinimumVersions">
/// <c>minimum_version_id</c> by VMSD name, for the VMSDs that receive a version on the wire (sections' top-level VMSDs
/// and subsections). A name that two VMSDs of the dump share with different minimums is left out: which one a stream's
/// section is cannot be told from its name.
/// </param>
public sealed record RegisteredVmstate(IReadOnlyDictionary<string, uint> Subsections, IReadOnlyDictionary<string, int> MinimumVersions);
