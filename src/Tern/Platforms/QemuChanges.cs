using System.Text.Json;
using Tern.Platforms.Machines;

namespace Tern.Platforms;

/// <summary>
/// From which QEMU release (and machine type) each behaviour applies: <c>Platforms/Data/qemu-changes.json</c>. The rules
/// in code say what each behaviour is; this data says when it holds, so the code has no release numbers of its own.
/// A target reads its own tables from the same file (<see cref="Root"/>; POWER: <c>Targets/Ppc64/PowerChanges</c>).
/// </summary>
public static class QemuChanges
{
    private static readonly Lazy<JsonDocument> Document = new(Parse);
    private static readonly Lazy<Table> Data = new(Load);

    private sealed record Change(QemuVersion Since, QemuVersion? Until);

    private sealed record Table(
        Dictionary<string, Change> Changes,
        Dictionary<string, (int Major, int Minor)> MachineChanges,
        MachineLifecycle Lifecycle);

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

    /// <summary>The whole file, for the tables a target reads itself.</summary>
    public static JsonElement Root => Document.Value.RootElement;

    private static Change Find(string change) =>
        Data.Value.Changes.TryGetValue(change, out var c) ? c : throw new InvalidOperationException($"qemu-changes.json has no change '{change}'");

    private static JsonDocument Parse()
    {
        using var s = typeof(QemuChanges).Assembly.GetManifestResourceStream("Tern.Platforms.Data.qemu-changes.json")
            ?? throw new InvalidOperationException("embedded qemu-changes.json is missing");
        return JsonDocument.Parse(s);
    }

    private static Table Load()
    {
        var r = Root;
        var changes = r.GetProperty("changes").EnumerateObject().ToDictionary(p => p.Name,
            p => new Change(QemuVersion.Parse(p.Value.GetProperty("since").GetString()!),
                p.Value.TryGetProperty("until", out var u) ? QemuVersion.Parse(u.GetString()!) : null), StringComparer.Ordinal);
        var machines = r.GetProperty("machineChanges").EnumerateObject().ToDictionary(p => p.Name, p => MajorMinor(p.Value.GetProperty("from").GetString()!), StringComparer.Ordinal);
        var lc = r.GetProperty("machineLifecycle");
        var lifecycle = new MachineLifecycle(lc.GetProperty("deprecationMajor").GetInt32(), lc.GetProperty("deletionMajor").GetInt32(),
            QemuVersion.Parse(lc.GetProperty("since").GetString()!), lc.GetProperty("source").GetString()!);
        return new Table(changes, machines, lifecycle);
    }

    /// <summary>The major and minor of a release or machine version written as <c>X.Y</c>.</summary>
    public static (int Major, int Minor) MajorMinor(string s)
    {
        var v = QemuVersion.Parse(s);
        return (v.Major, v.Minor);
    }
}
