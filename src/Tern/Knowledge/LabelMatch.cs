using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>How a spec's <c>qemu-LABEL</c> picks among known labels, the same for every source of knowledge.</summary>
internal static class LabelMatch
{
    /// <summary>
    /// The label itself when known; else the newest known release it is a prefix of (<c>11.1</c> → <c>11.1.3</c>); else,
    /// when <paramref name="lessPrecise"/>, the newest known label that is a prefix of it (a Debian micro release finding
    /// the embedded minor release). Null when none fits.
    /// </summary>
    public static string? Best(IEnumerable<(string Label, QemuVersion Version)> known, string label, bool lessPrecise)
    {
        var list = known as IReadOnlyCollection<(string Label, QemuVersion Version)> ?? known.ToList();
        if (list.Any(x => x.Label == label)) return label;
        return Newest(list.Where(x => x.Label.StartsWith(label + ".", StringComparison.Ordinal)))
            ?? (lessPrecise ? Newest(list.Where(x => label.StartsWith(x.Label + ".", StringComparison.Ordinal))) : null);
    }

    private static string? Newest(IEnumerable<(string Label, QemuVersion Version)> candidates) =>
        candidates.OrderByDescending(x => x.Version).Select(x => x.Label).FirstOrDefault();
}
