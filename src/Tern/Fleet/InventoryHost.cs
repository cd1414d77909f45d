using Tern.Platforms;

namespace Tern.Fleet;

/// <summary>One host of an inventory: a QEMU label (or a profile file) and the host facts QEMU cannot see.</summary>
public sealed record InventoryHost
{
    /// <summary>The host's name, unique in the inventory.</summary>
    public required string Name { get; init; }
    /// <summary>The target when given (<c>arch:</c>), else null (the profile or the VMs on it say it).</summary>
    public Architecture? Architecture { get; init; }
    /// <summary>The QEMU version label (<c>qemu: qemu-10.0.13</c> → <c>10.0.13</c>), or null when <see cref="ProfileFile"/> is given.</summary>
    public string? Qemu { get; init; }
    /// <summary>A profile file (<c>profile:</c>, resolved against the inventory's directory), or null.</summary>
    public string? ProfileFile { get; init; }
    /// <summary>Host facts as <c>--destination-host</c> takes them (<c>kvm=hv,pvr=0x004e1202</c>), or empty.</summary>
    public string Facts { get; init; } = "";
    /// <summary>The line of the host's entry (1-based).</summary>
    public long Line { get; init; }
}
