using Tern.Vmstate;

namespace Tern.Knowledge;

/// <summary>
/// The subsections a real stream carries, with the highest version of each: what a template tells about the
/// QEMU that wrote it. Computed once when a template is built and kept in <c>templates/index.json</c>, so that a
/// prediction never has to decompress every template of a version to learn which subsections it loads.
/// </summary>
public static class TemplateSubsections
{
    /// <summary>Every subsection of <paramref name="description"/> (nested ones included), name → highest version.</summary>
    public static SortedDictionary<string, uint> Collect(Wire.VmDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var subs = new SortedDictionary<string, uint>(StringComparer.Ordinal);
        foreach (var d in description.Devices) Collect(d.Vmsd, subs);
        return subs;
    }

    /// <summary>Adds <paramref name="name"/> at <paramref name="version"/> unless a higher version is already there.</summary>
    public static void Add(IDictionary<string, uint> subsections, string name, uint version)
    {
        ArgumentNullException.ThrowIfNull(subsections);
        if (!subsections.TryGetValue(name, out var v) || v < version) subsections[name] = version;
    }

    private static void Collect(Vmsd vmsd, SortedDictionary<string, uint> subs)
    {
        foreach (var f in vmsd.Fields)
            if (f.Struct is not null) Collect(f.Struct, subs);
        foreach (var s in vmsd.Subsections)
        {
            Add(subs, s.Name, (uint)Math.Max(0, s.VersionId));
            Collect(s, subs);
        }
    }
}
