namespace Tern.Lab.Compat;

/// <summary>
/// Which device VMSDs the <c>-dump-vmstate</c> comparison reports (<c>--devices</c>): none, the common set
/// (virtio-net/blk/scsi/rng/balloon/serial and their PCI proxies, USB controllers and devices, spapr-vscsi/vlan/vty),
/// all, or a comma-separated list of device names.
/// </summary>
public sealed class CompatDeviceSet
{
    private static readonly string[] CommonPrefixes =
    [
        "virtio-net", "virtio-blk", "virtio-scsi", "virtio-rng", "virtio-balloon", "virtio-serial", "virtio-console",
        "virtio-pci", "PCIDevice", "usb", "qemu-xhci", "nec-usb-xhci", "pci-xhci", "xhci", "ehci", "pci-ehci-usb",
        "spapr-vscsi", "spapr_vscsi", "spapr-vlan", "spapr_llan", "spapr-vty", "spapr_vty",
    ];

    private readonly string[]? _prefixes;

    private CompatDeviceSet(string name, string[]? prefixes)
    {
        Name = name;
        _prefixes = prefixes;
    }

    /// <summary>What the set was given as (<c>none</c>, <c>common</c>, <c>all</c> or the list).</summary>
    public string Name { get; }

    /// <summary>No device comparison.</summary>
    public static CompatDeviceSet None { get; } = new("none", []);

    /// <summary>The common device set (the default).</summary>
    public static CompatDeviceSet Common { get; } = new("common", CommonPrefixes);

    /// <summary>Every device the dumps register.</summary>
    public static CompatDeviceSet All { get; } = new("all", null);

    /// <summary>True when nothing is compared.</summary>
    public bool IsEmpty => _prefixes is { Length: 0 };

    /// <summary>Parses <c>none</c>, <c>common</c>, <c>all</c> or a comma-separated list of device names.</summary>
    /// <exception cref="FormatException">An empty list.</exception>
    public static CompatDeviceSet Parse(string? text)
    {
        switch (text?.Trim())
        {
            case null or "" or "common": return Common;
            case "none": return None;
            case "all": return All;
        }
        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new FormatException($"--devices: expected none, common, all or a list of device names, not '{text}'");
        return new CompatDeviceSet(text, names);
    }

    /// <summary>True when findings of the section named <paramref name="section"/> (device type or VMSD name) are reported.</summary>
    public bool Includes(string section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return _prefixes is null || _prefixes.Any(p => section.StartsWith(p, StringComparison.Ordinal));
    }
}
