using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;

namespace Tern.Lab.Compat;

/// <summary>One side of <c>tern compat</c>: the profile that describes a QEMU build and, when it can run, its binary.</summary>
/// <param name="Label">The version label host specs use for this build (<c>qemu-LABEL</c>).</param>
/// <param name="Profile">What the build registers and sends (measured or embedded profile).</param>
/// <param name="Origin">Where the profile came from (file, embedded resource, binary), for the report.</param>
/// <param name="Installation">The runnable build for <c>--real</c>; null when only a profile is known.</param>
/// <param name="ProfileFile">The profile file to put in front of the embedded knowledge; null for embedded knowledge.</param>
public sealed record CompatBuild(string Label, HostProfile Profile, string Origin, QemuInstallation? Installation = null, string? ProfileFile = null);
