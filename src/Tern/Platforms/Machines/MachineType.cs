using System.Globalization;

namespace Tern.Platforms.Machines;

/// <summary>A versioned machine type name such as <c>pseries-7.2</c>, <c>virt-10.0</c> or <c>pseries-2.12-sxxm</c>.</summary>
public readonly record struct MachineType(string Family, int Major, int Minor, string? Suffix)
{
    /// <summary>Parses a versioned name; returns null for unversioned names (aliases) or other machines.</summary>
    public static MachineType? TryParse(string? name)
    {
        if (name is null) return null;
        var dash = name.IndexOf('-', StringComparison.Ordinal);
        if (dash <= 0) return null;
        var family = name[..dash];
        var rest = name[(dash + 1)..];
        string? suffix = null;
        var dash2 = rest.IndexOf('-', StringComparison.Ordinal);
        if (dash2 > 0) { suffix = rest[(dash2 + 1)..]; rest = rest[..dash2]; }
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(rest[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)) return null;
        return new MachineType(family, major, minor, suffix);
    }

    /// <summary>True when this machine version is at most major.minor.</summary>
    public bool AtMost(int major, int minor) => Major < major || (Major == major && Minor <= minor);

    /// <summary>True when this machine version is at least major.minor.</summary>
    public bool AtLeast(int major, int minor) => !AtMost(major, minor) || (Major == major && Minor == minor);

    /// <inheritdoc/>
    public override string ToString() => $"{Family}-{Major}.{Minor}" + (Suffix is null ? "" : "-" + Suffix);
}
