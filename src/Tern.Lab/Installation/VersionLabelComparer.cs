namespace Tern.Lab.Installation;

/// <summary>Orders version labels numerically (<c>5.2 &lt; 7.2 &lt; 10.0.2 &lt; 10.0.13</c>); non-numeric parts compare ordinally.</summary>
public sealed class VersionLabelComparer : IComparer<string>
{
    /// <summary>The shared instance.</summary>
    public static VersionLabelComparer Instance { get; } = new();

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var a = x.Split('.', '-');
        var b = y.Split('.', '-');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            if (i >= a.Length) return -1;
            if (i >= b.Length) return 1;
            var c = int.TryParse(a[i], out var na) && int.TryParse(b[i], out var nb) ? na.CompareTo(nb) : string.CompareOrdinal(a[i], b[i]);
            if (c != 0) return c;
        }
        return 0;
    }
}
