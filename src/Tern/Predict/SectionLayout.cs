using System.Runtime.CompilerServices;
using Tern.Decode;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// The destination reads a section with its own description: an array whose length is the destination's own
/// configuration (a device property such as the XIVE END count per vCPU, not a field of the stream) is read with the
/// destination's length. When the stream's length differs, QEMU reads too few or too many bytes and finds no section
/// footer where it expects one (migration/savevm.c check_section_footer).
/// </summary>
public static class SectionLayout
{
    /// <summary>
    /// The first field of <paramref name="incoming"/> whose element count differs from the destination's own
    /// <paramref name="local"/> description, unless an earlier field of the stream carries that count (a VARRAY sized by
    /// a migrated field, e.g. <c>cpreg_vmstate_array_len</c>, which QEMU reads from the stream and checks on its own).
    /// </summary>
    public static (string Field, long Incoming, long Local)? FirstMismatch(DeviceSection incoming, DeviceSection local)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(local);
        var mine = ShapeIndexOf(local.Description.Vmsd);
        List<(string Name, ulong Value)>? counts = null;
        // Element sizes are not compared: the vmdesc gives buffers and strings the size of what was sent.
        foreach (var (name, count) in Shape(incoming.Description.Vmsd))
        {
            if (!mine.TryGetValue(name, out var other) || count == other) continue;
            counts ??= Counts(incoming.Body);
            if (counts.Any(c => c.Value == (ulong)count && IsCountName(c.Name))) continue;
            return (name, count, other);
        }
        return null;
    }

    // The body's scalar integers, which may carry an array's length.
    private static List<(string Name, ulong Value)> Counts(VmsdValue body)
    {
        var counts = new List<(string Name, ulong Value)>();
        foreach (var f in body.Fields)
            if (f.Kind == FieldKind.Integer && f.Count == 1) counts.Add((f.Name, f.AsUInt64()));
        return counts;
    }

    // Per field name: the total element count (an array may be described as one entry or one per element). Kept per
    // description as long as it lives: a batch lays the same template sections against each other for every pair.
    private static readonly ConditionalWeakTable<Vmsd, List<KeyValuePair<string, long>>> Shapes = [];
    private static readonly ConditionalWeakTable<Vmsd, Dictionary<string, long>> ShapeIndexes = [];

    private static List<KeyValuePair<string, long>> Shape(Vmsd vmsd) =>
        Shapes.GetValue(vmsd, v => [.. ShapeIndex(v)]);

    private static Dictionary<string, long> ShapeIndexOf(Vmsd vmsd) => ShapeIndexes.GetValue(vmsd, ShapeIndex);

    private static Dictionary<string, long> ShapeIndex(Vmsd vmsd)
    {
        var shape = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var f in vmsd.Fields) shape[f.Name] = shape.GetValueOrDefault(f.Name) + f.Count;
        return shape;
    }

    private static bool IsCountName(string name)
    {
        var n = name.ToLowerInvariant();
        return n.Contains("len", StringComparison.Ordinal) || n.Contains("num", StringComparison.Ordinal) || n.Contains("nr", StringComparison.Ordinal)
            || n.Contains("count", StringComparison.Ordinal) || n.Contains("nb", StringComparison.Ordinal) || n.Contains("size", StringComparison.Ordinal)
            || n.StartsWith("n_", StringComparison.Ordinal);
    }
}
