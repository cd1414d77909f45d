using Tern.Knowledge;

namespace Tern.Predict;

/// <summary>
/// The subsections a destination QEMU version knows, with the highest version it loads: every subsection seen in any
/// real stream of that version (the templates), plus those QEMU registers but rarely sends (hand-entered, cited).
/// </summary>
public sealed class DestinationCatalog
{
    private readonly Dictionary<string, uint> _subsections;
    private readonly IReadOnlyDictionary<string, int> _minimums;

    private DestinationCatalog(string label, Dictionary<string, uint> subsections, IReadOnlyDictionary<string, int> minimums)
    {
        Label = label;
        _subsections = subsections;
        _minimums = minimums;
    }

    /// <summary>The QEMU version label.</summary>
    public string Label { get; }

    /// <summary>The highest version of a subsection the destination loads, or null when it does not know it.</summary>
    public uint? SubsectionVersion(string name) => _subsections.TryGetValue(name, out var v) ? v : null;

    /// <summary>
    /// The lowest version the destination's VMSD <paramref name="vmsd"/> (a section's or a subsection's) loads, or null
    /// when it is not known: only a profile's <c>-dump-vmstate</c> says, and not for a name two VMSDs share.
    /// </summary>
    public int? MinimumVersion(string vmsd) => _minimums.TryGetValue(vmsd, out var v) ? v : null;

    /// <summary>Builds the catalogue of <paramref name="host"/>'s QEMU version.</summary>
    public static DestinationCatalog For(ResolvedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var subs = new Dictionary<string, uint>(StringComparer.Ordinal);
        // The index holds each template's subsections: no template is decompressed here.
        foreach (var t in TargetTemplates.Of(host.Profile, host.Architecture))
            foreach (var (name, version) in t.Subsections) Add(subs, name, version);
        // A measured profile carries the binary's -dump-vmstate: every subsection its device classes register, sent or
        // not. The dump has no machine (spapr) or CPU state (registered with vmstate_register, not as a device class),
        // so those still come from the templates and the target's list below.
        IReadOnlyDictionary<string, int> minimums = new Dictionary<string, int>();
        if (host.Profile.For(host.Architecture)?.Registered is { } registered)
        {
            var dump = registered();
            foreach (var (name, version) in dump.Subsections) Add(subs, name, version);
            minimums = dump.MinimumVersions;
        }
        // What QEMU registers but sends only in some states, or registers outside device classes: the target knows.
        foreach (var (name, version) in Targets.Target.For(host.Architecture).RarelySentSubsections(host.Version)) Add(subs, name, version);
        return new DestinationCatalog(host.Profile.Label, subs, minimums);
    }

    private static void Add(Dictionary<string, uint> subs, string name, uint version) => TemplateSubsections.Add(subs, name, version);
}
