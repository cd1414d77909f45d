using System.Globalization;

namespace Tern.Platforms;

/// <summary>A QEMU release number (major.minor.micro) with the label it was given (e.g. <c>10.0.13</c>, <c>2.11.2</c>).</summary>
public readonly record struct QemuVersion(int Major, int Minor, int Micro) : IComparable<QemuVersion>
{
    /// <summary>Parses <c>7.2</c>, <c>10.0.13</c>, <c>qemu-7.2</c>.</summary>
    public static QemuVersion Parse(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var s = label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? label[5..] : label;
        var parts = s.Split('.');
        if (parts.Length is < 2 or > 3 || !parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit)))
            throw new FormatException($"'{label}' is not a QEMU version (expected MAJOR.MINOR[.MICRO])");
        return new QemuVersion(int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture),
            parts.Length == 3 ? int.Parse(parts[2], CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>Parses like <see cref="Parse"/>; false instead of an exception (also for numbers too large for a release).</summary>
    public static bool TryParse(string? label, out QemuVersion version)
    {
        version = default;
        if (label is null) return false;
        var s = label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? label[5..] : label;
        var parts = s.Split('.');
        if (parts.Length is < 2 or > 3) return false;
        var n = new int[3];
        for (var i = 0; i < parts.Length; i++)
            if (parts[i].Length is 0 or > 6 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out n[i])) return false;
        version = new QemuVersion(n[0], n[1], n[2]);
        return true;
    }

    /// <inheritdoc/>
    public int CompareTo(QemuVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Micro.CompareTo(other.Micro);

    /// <summary>True when this version is at least <paramref name="major"/>.<paramref name="minor"/>.<paramref name="micro"/>.</summary>
    public bool AtLeast(int major, int minor, int micro = 0) => CompareTo(new QemuVersion(major, minor, micro)) >= 0;

    /// <summary>Compares versions.</summary>
    public static bool operator <(QemuVersion a, QemuVersion b) => a.CompareTo(b) < 0;
    /// <summary>Compares versions.</summary>
    public static bool operator >(QemuVersion a, QemuVersion b) => a.CompareTo(b) > 0;
    /// <summary>Compares versions.</summary>
    public static bool operator <=(QemuVersion a, QemuVersion b) => a.CompareTo(b) <= 0;
    /// <summary>Compares versions.</summary>
    public static bool operator >=(QemuVersion a, QemuVersion b) => a.CompareTo(b) >= 0;

    /// <inheritdoc/>
    public override string ToString() => Micro == 0 ? $"{Major}.{Minor}" : $"{Major}.{Minor}.{Micro}";
}
