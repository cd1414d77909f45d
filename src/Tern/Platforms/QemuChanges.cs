using System.Globalization;
using System.Text.Json;
using Tern.Platforms.Machines;
using Tern.Platforms.Ppc;

namespace Tern.Platforms;

/// <summary>
/// From which QEMU release (and machine type) each behaviour applies: <c>Platforms/Data/qemu-changes.json</c>. The rules
/// in code say what each behaviour is; this data says when it holds, so the code has no release numbers of its own.
/// </summary>
public static class QemuChanges
{
    private static readonly Lazy<Table> Data = new(Load);

    private sealed record Change(QemuVersion Since, QemuVersion? Until);

    private sealed record Table(
        Dictionary<string, Change> Changes,
        Dictionary<string, (int Major, int Minor)> MachineChanges,
        IReadOnlyList<CompatMode> CompatModes,
        IReadOnlyList<SpaprCap> SpaprCaps,
        int[] NewestCapDefaults,
        IReadOnlyList<(int Major, int Minor, string? Suffix, (int Cap, int Level)[] Set)> CapDefaultsUpTo,
        MachineLifecycle Lifecycle,
        IReadOnlyList<string> SpaprSubsectionOrder);

    /// <summary>True when the behaviour <paramref name="change"/> applies in QEMU <paramref name="version"/>.</summary>
    public static bool In(QemuVersion version, string change)
    {
        var c = Find(change);
        return version >= c.Since && (c.Until is not { } until || version < until);
    }

    /// <summary>True when a machine type has the behaviour <paramref name="change"/> (it is at least the type the data names).</summary>
    public static bool In(MachineType machine, string change)
    {
        if (!Data.Value.MachineChanges.TryGetValue(change, out var from))
            throw new InvalidOperationException($"qemu-changes.json has no machine change '{change}'");
        return machine.AtLeast(from.Major, from.Minor);
    }

    /// <summary>QEMU's versioned machine-type deprecation and deletion policy (<c>machineLifecycle</c>).</summary>
    public static MachineLifecycle MachineLifecycle => Data.Value.Lifecycle;

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

    private static Change Find(string change) =>
        Data.Value.Changes.TryGetValue(change, out var c) ? c : throw new InvalidOperationException($"qemu-changes.json has no change '{change}'");

    private static Table Load()
    {
        using var s = typeof(QemuChanges).Assembly.GetManifestResourceStream("Tern.Platforms.Data.qemu-changes.json")
            ?? throw new InvalidOperationException("embedded qemu-changes.json is missing");
        using var doc = JsonDocument.Parse(s);
        var r = doc.RootElement;
        var changes = r.GetProperty("changes").EnumerateObject().ToDictionary(p => p.Name,
            p => new Change(QemuVersion.Parse(p.Value.GetProperty("since").GetString()!),
                p.Value.TryGetProperty("until", out var u) ? QemuVersion.Parse(u.GetString()!) : null), StringComparer.Ordinal);
        var machines = r.GetProperty("machineChanges").EnumerateObject().ToDictionary(p => p.Name, p => MajorMinor(p.Value.GetProperty("from").GetString()!), StringComparer.Ordinal);
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
            var (major, minor) = MajorMinor(e.GetProperty("machine").GetString()!);
            var suffix = e.TryGetProperty("suffix", out var sx) ? sx.GetString() : null;
            var set = e.GetProperty("set").EnumerateObject().Select(p => (Cap(p.Name), p.Value.GetInt32())).ToArray();
            return (major, minor, suffix, set);
        }).ToList();
        var lc = r.GetProperty("machineLifecycle");
        var lifecycle = new MachineLifecycle(lc.GetProperty("deprecationMajor").GetInt32(), lc.GetProperty("deletionMajor").GetInt32(),
            QemuVersion.Parse(lc.GetProperty("since").GetString()!), lc.GetProperty("source").GetString()!);
        var spaprOrder = r.GetProperty("spaprSubsectionOrder").GetProperty("names").EnumerateArray().Select(n => n.GetString()!).ToList();
        return new Table(changes, machines, modes, caps, newest, upTo, lifecycle, spaprOrder);
    }

    private static (int, int) MajorMinor(string s)
    {
        var v = QemuVersion.Parse(s);
        return (v.Major, v.Minor);
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
