namespace Tern.Decode;

/// <summary>A subsection as sent: 0x05, its name, the be32 version, then its body.</summary>
/// <param name="Name">The subsection name, e.g. <c>cpu/compat</c>.</param>
/// <param name="Version">The be32 version id as sent.</param>
/// <param name="Body">The decoded body.</param>
public sealed record SubsectionValue(string Name, uint Version, VmsdValue Body);
