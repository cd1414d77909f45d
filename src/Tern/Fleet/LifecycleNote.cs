using Tern.Platforms;

namespace Tern.Fleet;

/// <summary>A VM's machine type is deprecated on some hosts, and the release QEMU's policy lets delete it.</summary>
/// <param name="Machine">The versioned machine type.</param>
/// <param name="Qemu">The QEMU label that deprecates it.</param>
/// <param name="Hosts">The hosts running that QEMU.</param>
/// <param name="ByPolicy">True when QEMU's versioned policy deprecates it (else the profile's own deprecated flag says so).</param>
/// <param name="RemovableFrom">The first release QEMU's policy allows to delete the machine type.</param>
/// <param name="Message">One line for people.</param>
public sealed record LifecycleNote(string Machine, string Qemu, IReadOnlyList<string> Hosts, bool ByPolicy, QemuVersion RemovableFrom, string Message);
