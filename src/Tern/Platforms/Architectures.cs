namespace Tern.Platforms;

/// <summary>
/// How each <see cref="Architecture"/> is spelled outside the code — in profiles (<c>"arch"</c>), inventories,
/// <c>--arch</c> and QEMU's binary names — and the machine type family it runs: one table, so the layers below the
/// targets (knowledge, fleet, lab, CLI) never switch on an architecture. Adding a target adds a row here and a folder
/// under Targets/.
/// </summary>
public static class Architectures
{
    private static readonly (Architecture Architecture, string Name, string MachineFamily)[] Table =
    [
        (Architecture.Ppc64, "ppc64", "pseries"),
        (Architecture.Aarch64, "aarch64", "virt"),
    ];

    /// <summary>Every architecture's name, in the table's order (for usage messages: <c>ppc64 or aarch64</c>).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(r => r.Name)];

    /// <summary>The names joined for a message: <c>ppc64 or aarch64</c>.</summary>
    public static string NamesText => string.Join(" or ", Names);

    /// <summary>The name (<c>ppc64</c>) QEMU's binary <c>qemu-system-NAME</c>, profiles and <c>--arch</c> use.</summary>
    public static string Name(this Architecture architecture) => Row(architecture).Name;

    /// <summary>The machine type family of the architecture (<c>pseries</c>, <c>virt</c>).</summary>
    public static string MachineFamily(this Architecture architecture) => Row(architecture).MachineFamily;

    /// <summary>The architecture named <paramref name="name"/> (exactly, e.g. <c>aarch64</c>), or null.</summary>
    public static Architecture? Parse(string? name)
    {
        foreach (var r in Table)
            if (r.Name == name) return r.Architecture;
        return null;
    }

    /// <summary>
    /// The architecture of a QEMU program by its file name (<c>/usr/bin/qemu-system-ppc64</c>: Ppc64), or null for a
    /// program whose name does not end in one.
    /// </summary>
    public static Architecture? OfProgram(string? path)
    {
        if (path is null) return null;
        var file = Path.GetFileName(path);
        foreach (var r in Table)
            if (file == r.Name || file.EndsWith("-" + r.Name, StringComparison.Ordinal)) return r.Architecture;
        return null;
    }

    /// <summary>How an error says <paramref name="name"/> is not an architecture Tern models.</summary>
    public static string NotModelled(string? name) => $"'{name}' is not a target Tern models ({NamesText})";

    private static (Architecture Architecture, string Name, string MachineFamily) Row(Architecture architecture)
    {
        foreach (var r in Table)
            if (r.Architecture == architecture) return r;
        throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "not an architecture Tern models");
    }
}
