namespace Tern.Vmstate;

/// <summary>
/// Field-name comparison that ignores the index suffixes QEMU adds or prints differently: a vmdesc makes a repeated
/// name unique as <c>name[k]</c> (spec §12), and one QEMU prints <c>gt_timer[0]</c> where another prints
/// <c>gt_timer[GTIMER_PHYS]</c>. The wire carries no names, so this only decides which fields line up.
/// </summary>
public static class FieldNames
{
    /// <summary>The name without trailing <c>[…]</c> groups (<c>unused[1]</c> → <c>unused</c>).</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var end = name.Length;
        while (end > 0 && name[end - 1] == ']')
        {
            var open = name.LastIndexOf('[', end - 1);
            if (open <= 0) break;
            end = open;
        }
        return name[..end];
    }

    /// <summary>
    /// True when two names denote the same field: equal, or equal apart from a trailing index of which at least one
    /// side is numeric (a vmdesc uniquifier or an array index printed as a number).
    /// </summary>
    public static bool Same(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b) return true;
        var na = Normalize(a);
        var nb = Normalize(b);
        if (na != nb) return false;
        var sa = a[na.Length..];
        var sb = b[nb.Length..];
        return sa.Length == 0 || sb.Length == 0 || IsNumericIndex(sa) || IsNumericIndex(sb);
    }

    private static bool IsNumericIndex(string suffix)
    {
        // "[3]", "[0x0]", "[1][2]"
        foreach (var c in suffix)
            if (c is not ('[' or ']' or 'x' or 'X') && !char.IsAsciiHexDigit(c)) return false;
        return true;
    }
}
