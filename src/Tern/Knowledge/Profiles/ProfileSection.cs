namespace Tern.Knowledge.Profiles;

/// <summary>One device section of a sample stream.</summary>
/// <param name="IdStr">The section's idstr.</param>
/// <param name="Instance">Its instance id.</param>
/// <param name="Version">Its version id.</param>
public sealed record ProfileSection(string IdStr, uint Instance, uint Version);
