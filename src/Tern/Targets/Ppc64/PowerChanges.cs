using System.Globalization;
using System.Text.Json;
using Tern.Platforms;
using Tern.Platforms.Machines;

namespace Tern.Targets.Ppc64;

/// <summary>
/// The POWER tables of <c>Platforms/Data/qemu-changes.json</c>: compat modes, the spapr cap table, the pseries class
/// defaults per machine type and the order of <c>vmstate_spapr</c>'s subsections. Data, read once.
/// </summary>
public static class PowerChanges
{
    private static readonly Lazy<Table> Data = new(Load);

    private sealed record Table(
        IReadOnlyList<CompatMode> CompatModes,
        IReadOnlyList<SpaprCap> SpaprCaps,
        int[] NewestCapDefaults,
        IReadOnlyList<(int Major, int Minor, string? Suffix, (int Cap, int Level)[] Set)> CapDefaultsUpTo,
        IReadOnlyList<string> SpaprSubsectionOrder);

    /// <summary>The POWER compat modes, oldest first (target/ppc/compat.c compat_table).</summary>
    public static IReadOnlyList<CompatMode> CompatModes => Data.Value.CompatModes;

    /// <summary>The spapr caps by id (hw/ppc/spapr_caps.c capability_table).</summary>
    public static IReadOnlyList<SpaprCap> SpaprCaps => Data.Value.SpaprCaps;

    /// <summary>The order in which QEMU sends <c>vmstate_spapr</c>'s subsections, caps included (<c>spaprSubsectionOrder</c>).</summary>
    public static IReadOnlyList<string> SpaprSubsectionOrder => Data.Value.SpaprSubsectionOrder;

    /// <summary>The spapr class defaults of <paramref name="machine"/> before the CPU clamp.</summary>
    public static int[] SpaprClassDefaults(MachineType machine)
    {
        var caps = Data.Value.NewestCapDefaults.ToArray();
        foreach (var (major, minor, suffix, set) in Data.Value.CapDefaultsUpTo)
        {
            if (!machine.AtMost(major, minor) || (suffix is not null && machine.Suffix != suffix)) continue;
            foreach (var (cap, level) in set) caps[cap] = level;
        }
        return caps;
    }

    private static Table Load()
    {
        var r = QemuChanges.Root;
        var order = 0;
        var modes = r.GetProperty("compatModes").EnumerateArray().Select(m => new CompatMode(m.GetProperty("name").GetString()!,
            Hex(m.GetProperty("logicalPvr").GetString()!), m.GetProperty("pcrLevel").GetString()!, order++, QemuVersion.Parse(m.GetProperty("since").GetString()!))).ToList();
        var caps = r.GetProperty("spaprCaps").EnumerateArray().Select(c => new SpaprCap(c.GetProperty("id").GetInt32(), c.GetProperty("name").GetString()!,
            c.GetProperty("subsection").GetString()!, Kind(c.GetProperty("kind").GetString()!),
            QemuVersion.Parse(c.GetProperty("since").GetString()!), QemuVersion.Parse(c.GetProperty("migratedSince").GetString()!))).ToList();
        for (var i = 0; i < caps.Count; i++)
            if (caps[i].Id != i) throw new InvalidOperationException($"qemu-changes.json: spaprCaps[{i}] has id {caps[i].Id}");
        int Cap(string name) => caps.FindIndex(c => c.Name == name) is var i and >= 0 ? i : throw new InvalidOperationException($"qemu-changes.json: no cap {name}");
        var d = r.GetProperty("spaprClassDefaults");
        var newest = new int[caps.Count];
        foreach (var p in d.GetProperty("newest").EnumerateObject()) newest[Cap(p.Name)] = p.Value.GetInt32();
        var upTo = d.GetProperty("upTo").EnumerateArray().Select(e =>
        {
            var (major, minor) = QemuChanges.MajorMinor(e.GetProperty("machine").GetString()!);
            var suffix = e.TryGetProperty("suffix", out var sx) ? sx.GetString() : null;
            var set = e.GetProperty("set").EnumerateObject().Select(p => (Cap(p.Name), p.Value.GetInt32())).ToArray();
            return (major, minor, suffix, set);
        }).ToList();
        var spaprOrder = r.GetProperty("spaprSubsectionOrder").GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
        return new Table(modes, caps, newest, upTo, spaprOrder);
    }

    private static uint Hex(string s) => uint.Parse(s.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private static SpaprCapKind Kind(string s) => s switch
    {
        "bool" => SpaprCapKind.Bool,
        "tristate" => SpaprCapKind.Tristate,
        "ibs" => SpaprCapKind.Ibs,
        "pagesize" => SpaprCapKind.PageSize,
        _ => throw new InvalidOperationException($"qemu-changes.json: cap kind '{s}'"),
    };
}
