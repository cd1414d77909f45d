using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Tern.Knowledge.Profiles;
using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>
/// What Tern knows about QEMU versions: found profiles (<see cref="With(IProfileSource)"/>) in front of the embedded host profiles
/// (Knowledge/Data/profiles, measured from the lab's binaries) and <c>qemu-history.json</c> (hand-entered facts for
/// releases no Debian suite still ships, each citing its source tag).
/// </summary>
public sealed class KnowledgeBase
{
    private static readonly Lazy<KnowledgeBase> Embedded = new(() => Load(typeof(KnowledgeBase).Assembly));
    private readonly Dictionary<string, QemuProfile> _profiles;
    private readonly EmbeddedProfiles _embedded;
    private readonly IProfileSource? _found;

    private KnowledgeBase(Dictionary<string, QemuProfile> profiles, EmbeddedProfiles embedded, IProfileSource? found = null, IConfigurationCapture? capture = null)
    {
        _profiles = profiles;
        _embedded = embedded;
        _found = found;
        Capture = capture;
    }

    /// <summary>This knowledge with the profiles of <paramref name="found"/> in front: a label it knows is answered from it first.</summary>
    public KnowledgeBase With(IProfileSource found) => new(_profiles, _embedded, found, Capture);

    /// <summary>This knowledge able to capture configurations on the binaries <paramref name="capture"/> finds.</summary>
    public KnowledgeBase With(IConfigurationCapture capture) => new(_profiles, _embedded, _found, capture);

    /// <summary>
    /// Where the state of a whole configuration (devices, backends, vCPUs, memory devices) comes from when no template
    /// can say it: the binary itself, started paused with that configuration; null when no binary may be run.
    /// </summary>
    public IConfigurationCapture? Capture { get; }

    /// <summary>The profiles embedded in the library.</summary>
    public static KnowledgeBase Default => Embedded.Value;

    /// <summary>All known version labels, oldest first.</summary>
    public IEnumerable<string> Labels =>
        _profiles.Values.Select(p => (p.Label, p.Version)).Concat(_embedded.Labels).Concat(_found?.Labels ?? [])
            .DistinctBy(x => x.Label).OrderBy(x => x.Version).Select(x => x.Label);

    /// <summary>
    /// The profile for a label (<c>7.2</c>, <c>qemu-7.2</c>), or null: found profiles first, then the embedded ones.
    /// A label names an exact release or, when no such profile exists, the newest release it is a prefix of
    /// (MAJOR.MINOR → the newest MAJOR.MINOR.x); a more precise label finds a less precise profile (a Debian micro release
    /// finds the embedded minor release).
    /// Throws <see cref="Profiles.ProfileAmbiguityException"/> when two different builds carry the label.
    /// </summary>
    public QemuProfile? Find(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var l = label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? label[5..] : label;
        if (_found?.Find(l) is { } found) return found;
        if (_embedded.Find(l) is { } embedded) return embedded;
        return LabelMatch.Best(_profiles.Values.Select(x => (x.Label, x.Version)), l, lessPrecise: true) is { } best ? _profiles[best] : null;
    }

    /// <summary>Opens an embedded data file.</summary>
    public static Stream OpenData(string name) =>
        typeof(KnowledgeBase).Assembly.GetManifestResourceStream("Tern.Knowledge.Data." + name)
        ?? throw new FileNotFoundException($"embedded knowledge file {name} is missing");

    /// <summary>Names of embedded data files under a folder (e.g. <c>templates/</c>).</summary>
    public static IEnumerable<string> DataFiles(string prefix) =>
        typeof(KnowledgeBase).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Tern.Knowledge.Data." + prefix, StringComparison.Ordinal))
            .Select(n => n["Tern.Knowledge.Data.".Length..]);

    private static KnowledgeBase Load(Assembly assembly)
    {
        var profiles = new Dictionary<string, QemuProfile>(StringComparer.Ordinal);
        foreach (var (file, provenance) in new[] { ("qemu-history.json", "source") })
        {
            using var s = assembly.GetManifestResourceStream("Tern.Knowledge.Data." + file);
            if (s is null) continue;
            using var doc = JsonDocument.Parse(s);
            foreach (var v in doc.RootElement.EnumerateObject())
            {
                profiles[v.Name] = ReadProfile(v.Name, v.Value, provenance);
            }
        }
        return new KnowledgeBase(profiles, new EmbeddedProfiles());
    }

    private static QemuProfile ReadProfile(string label, JsonElement e, string provenance)
    {
        var arches = new Dictionary<Architecture, ArchProfile>();
        foreach (var key in Architectures.Names)
        {
            if (!e.TryGetProperty(key, out var a)) continue;
            var arch = Architectures.Parse(key)!.Value;
            var machines = a.GetProperty("machines").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
            var aliases = a.TryGetProperty("alias", out var al) && al.ValueKind == JsonValueKind.Object
                ? al.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>();
            var models = new Dictionary<string, uint>(StringComparer.Ordinal);
            if (a.TryGetProperty("cpuModels", out var cm))
            {
                if (cm.ValueKind == JsonValueKind.Object)
                    foreach (var p in cm.EnumerateObject()) models[p.Name] = uint.Parse(p.Value.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                else
                    foreach (var n in cm.EnumerateArray()) models[n.GetString()!] = 0;
            }
            var cpuAliases = a.TryGetProperty("cpuAliases", out var ca)
                ? ca.EnumerateObject().ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value.GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>();
            var cpregs = new Dictionary<string, IReadOnlyDictionary<ulong, ulong>>(StringComparer.Ordinal);
            if (a.TryGetProperty("knownCpregs", out var kc))
            {
                foreach (var cpu in kc.EnumerateObject())
                    cpregs[cpu.Name] = cpu.Value.EnumerateObject().ToDictionary(
                        r => ulong.Parse(r.Name.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                        r => ulong.Parse(r.Value.GetString()!.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            }
            arches[arch] = new ArchProfile { Architecture = arch, Machines = machines, Aliases = aliases, CpuModels = models, CpuAliases = cpuAliases, KnownCpregs = cpregs };
        }
        var source = e.TryGetProperty("source", out var src) ? src.GetString() ?? "" : "";
        return new QemuProfile
        {
            Label = label, Version = QemuVersion.Parse(label), Source = source, Arches = arches, Provenance = provenance,
            Templates = EmbeddedTemplates(label),
        };
    }

    // Deferred: the template index is read the first time a simulation needs this version's templates.
    private static IEnumerable<StreamTemplate> EmbeddedTemplates(string label)
    {
        foreach (var t in TemplateCatalog.Of(label)) yield return t;
    }
}
