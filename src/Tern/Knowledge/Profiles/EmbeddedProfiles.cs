using Tern.Platforms;

namespace Tern.Knowledge.Profiles;

/// <summary>
/// The host profiles embedded in the library (<c>Knowledge/Data/profiles/LABEL-ARCH.tern-profile.json.gz</c>, made by
/// scripts/refresh-knowledge.sh with the same profiler users run). A profile is read when its label is first asked
/// for; its templates are the embedded real streams of that version (Knowledge/Data/templates, from the fixtures)
/// followed by the profile's own samples.
/// </summary>
internal sealed class EmbeddedProfiles : IProfileSource
{
    private const string Prefix = "profiles/";
    private readonly Dictionary<string, List<string>> _files;
    private readonly Dictionary<string, Lazy<QemuProfile>> _profiles = new(StringComparer.Ordinal);

    public EmbeddedProfiles()
    {
        _files = KnowledgeBase.DataFiles(Prefix)
            .Select(n => (Name: n, Label: Label(n["profiles.".Length..])))
            .Where(x => x.Label is not null)
            .GroupBy(x => x.Label!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Name).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        foreach (var (label, names) in _files)
            _profiles[label] = new Lazy<QemuProfile>(() => Load(label, names));
    }

    public IEnumerable<(string Label, QemuVersion Version)> Labels =>
        _files.Keys.Select(l => (l, QemuVersion.TryParse(l, out var v) ? v : default));

    public QemuProfile? Find(string label)
    {
        return LabelMatch.Best(Labels, label, lessPrecise: true) is { } best ? _profiles[best].Value : null;
    }

    // "LABEL-ARCH.tern-profile.json.gz" → "LABEL".
    private static string? Label(string file)
    {
        if (!file.EndsWith(HostProfileFile.Extension, StringComparison.Ordinal)) return null;
        var stem = file[..^HostProfileFile.Extension.Length];
        var dash = stem.LastIndexOf('-');
        return dash > 0 ? stem[..dash] : null;
    }

    private static QemuProfile Load(string label, List<string> names)
    {
        var profiles = new List<(HostProfile, string)>();
        foreach (var n in names)
        {
            using var s = KnowledgeBase.OpenData(n);
            profiles.Add((HostProfileFile.Read(s, "embedded " + n), "embedded " + n));
        }
        var p = ProfileKnowledge.ToQemuProfile(profiles);
        return new QemuProfile
        {
            Label = label, Version = p.Version, Source = p.Source, Arches = p.Arches, Provenance = p.Provenance, Files = p.Files, BuildIds = p.BuildIds,
            Templates = Concat(label, p.Templates),
        };
    }

    // The fixture-derived templates first: among equally good candidates the simulator keeps the first.
    private static IEnumerable<StreamTemplate> Concat(string label, IEnumerable<StreamTemplate> samples)
    {
        foreach (var t in TemplateCatalog.Of(label)) yield return t;
        foreach (var t in samples) yield return t;
    }
}
