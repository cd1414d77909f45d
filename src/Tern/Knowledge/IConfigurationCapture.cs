using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>
/// Records what a QEMU build really sends for a whole configuration: the build the profile describes is started paused
/// with the configuration's options and migrated to a file. Devices name their sections by rules (bus paths, slots,
/// reg addresses, instance ids) that the binary applies better than any model of them; what it writes is the truth
/// the load rules are then applied to. Implemented where processes may be started (Tern.Lab).
/// </summary>
public interface IConfigurationCapture
{
    /// <summary>
    /// The stream <paramref name="profile"/>'s build writes for <paramref name="spec"/> on <paramref name="architecture"/>,
    /// started with <paramref name="machine"/> and <paramref name="cpu"/> (aliases resolved); never throws for a
    /// configuration QEMU refuses or a binary that is missing: the result says why.
    /// </summary>
    CapturedStream Capture(QemuProfile profile, Architecture architecture, HostSpec spec, string machine, string cpu);
}
