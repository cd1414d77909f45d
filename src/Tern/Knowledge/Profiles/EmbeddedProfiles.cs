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

    // One file per target, each read when its target is first asked for: a check of a pseries pair never reads the
    // aarch64 profile. The verdict's provenance text comes from the files' headers (their first few KB).
    private static QemuProfile Load(string label, List<string> names)
    {
        var perArch = new Dictionary<Architecture, Lazy<(HostProfile Profile, ArchProfile Facts, string File)>>();
        var headers = new List<HostProfileHeader>();
        foreach (var n in names)
        {
            var file = "embedded " + n;
            byte[] bytes;
            using (var s = KnowledgeBase.OpenData(n))
            {
                // A resource stream knows its length: one exact copy.
                bytes = new byte[s.Length];
                s.ReadExactly(bytes);
            }
            var header = HostProfileFile.ReadHeader(bytes, file);
            headers.Add(header);
            var arch = Architectures.Parse(header.Arch) ?? throw new ProfileFormatException(file, "$.arch", Architectures.NotModelled(header.Arch));
            perArch[arch] = new Lazy<(HostProfile, ArchProfile, string)>(() =>
            {
                var p = HostProfileFile.Read(bytes, file);
                return (p, ProfileKnowledge.ToArchProfile(p, arch, file), file);
            });
        }
        var first = headers[0];
        return new QemuProfile
        {
            Label = label,
            Version = QemuVersion.Parse(first.Version),
            Source = ProfileKnowledge.SourceText(first.Provenance, headers.Select(h => h.Path), first.Package, first.BuildId),
            Arches = new LazyArchProfiles(perArch.ToDictionary(kv => kv.Key, kv => (Func<ArchProfile>)(() => kv.Value.Value.Facts))),
            Provenance = first.Provenance,
            Files = headers.Select(h => h.Path).ToList(),
            BuildIds = headers.Where(h => h.BuildId.Length > 0).ToDictionary(h => Architectures.Parse(h.Arch)!.Value, h => h.BuildId),
            Templates = Concat(label, perArch.Values.SelectMany(l => ProfileKnowledge.Templates(l.Value.Profile, l.Value.File))),
            TemplatesByArchitecture = arch => Concat(label, perArch.TryGetValue(arch, out var l) ? ProfileKnowledge.Templates(l.Value.Profile, l.Value.File) : []),
        };
    }

    // The fixture-derived templates first: among equally good candidates the simulator keeps the first.
    private static IEnumerable<StreamTemplate> Concat(string label, IEnumerable<StreamTemplate> samples)
    {
        foreach (var t in TemplateCatalog.Of(label)) yield return t;
        foreach (var t in samples) yield return t;
    }
}
