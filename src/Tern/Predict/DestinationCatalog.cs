using Tern.Knowledge;

namespace Tern.Predict;

/// <summary>
/// The subsections a destination QEMU version knows, with the highest version it loads: every subsection seen in any
/// real stream of that version (the templates), plus those QEMU registers but rarely sends (hand-entered, cited).
/// </summary>
public sealed class DestinationCatalog
{
    private readonly Dictionary<string, uint> _subsections;

    private DestinationCatalog(string label, Dictionary<string, uint> subsections)
    {
        Label = label;
        _subsections = subsections;
    }

    /// <summary>The QEMU version label.</summary>
    public string Label { get; }

    /// <summary>The highest version of a subsection the destination loads, or null when it does not know it.</summary>
    public uint? SubsectionVersion(string name) => _subsections.TryGetValue(name, out var v) ? v : null;

    /// <summary>Builds the catalogue of <paramref name="host"/>'s QEMU version.</summary>
    public static DestinationCatalog For(ResolvedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var subs = new Dictionary<string, uint>(StringComparer.Ordinal);
        // The index holds each template's subsections: no template is decompressed here.
        foreach (var t in host.Profile.TemplatesFor(host.Architecture))
            foreach (var (name, version) in t.Subsections) Add(subs, name, version);
        // A measured profile carries the binary's -dump-vmstate: every subsection its device classes register, sent or
        // not. The dump has no machine (spapr) or CPU state (registered with vmstate_register, not as a device class),
        // so those still come from the templates and the target's list below.
        if (host.Profile.For(host.Architecture)?.RegisteredSubsections is { } registered)
            foreach (var (name, version) in registered()) Add(subs, name, version);
        // What QEMU registers but sends only in some states, or registers outside device classes: the target knows.
        foreach (var (name, version) in Targets.Target.For(host.Architecture).RarelySentSubsections(host.Version)) Add(subs, name, version);
        return new DestinationCatalog(host.Profile.Label, subs);
    }

    private static void Add(Dictionary<string, uint> subs, string name, uint version) => TemplateSubsections.Add(subs, name, version);
}
