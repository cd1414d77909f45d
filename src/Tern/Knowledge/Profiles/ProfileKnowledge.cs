using System.Globalization;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Schema;
using Tern.Vmstate;

namespace Tern.Knowledge.Profiles;

/// <summary>Turns host profiles (one per target) into the <see cref="QemuProfile"/> the predictor reads: the same facts, one model.</summary>
public static class ProfileKnowledge
{
    /// <summary>Merges the profiles of one label (one per target) into one <see cref="QemuProfile"/>.</summary>
    public static QemuProfile ToQemuProfile(IReadOnlyList<(HostProfile Profile, string File)> profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Count == 0) throw new ArgumentException("no profile", nameof(profiles));
        var first = profiles[0].Profile;
        var arches = new Dictionary<Architecture, ArchProfile>();
        var templates = new List<StreamTemplate>();
        var buildIds = new Dictionary<Architecture, string>();
        foreach (var (p, file) in profiles)
        {
            var arch = Architectures.Parse(p.Arch) ?? throw new ProfileFormatException(file, "$.arch", Architectures.NotModelled(p.Arch));
            arches[arch] = ToArchProfile(p, arch, file);
            if (p.Qemu.BuildId.Length > 0) buildIds[arch] = p.Qemu.BuildId;
            templates.AddRange(Templates(p, file));
        }
        return new QemuProfile
        {
            Label = first.Label,
            Version = QemuVersion.Parse(first.Qemu.Version),
            Source = SourceText(first.Provenance, profiles.Select(x => x.File), first.Qemu.Package, first.Qemu.BuildId),
            Arches = arches,
            Provenance = first.Provenance,
            Files = profiles.Select(x => x.File).ToList(),
            Templates = templates,
            BuildIds = buildIds,
        };
    }

    /// <summary>How a verdict names the profiles it stood on.</summary>
    internal static string SourceText(string provenance, IEnumerable<string> files, string package, string buildId) =>
        $"{(provenance == "measured" ? "measured profile" : "source-history profile")} {string.Join(", ", files)} ({package}{(buildId.Length > 0 ? ", " + buildId[..Math.Min(buildId.Length, 19)] : "")})";

    /// <summary>The facts of one target's profile.</summary>
    internal static ArchProfile ToArchProfile(HostProfile p, Architecture arch, string file)
    {
        var family = arch.MachineFamily();
        var machines = new Dictionary<string, string>(StringComparer.Ordinal);
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in p.Machines)
        {
            if (MachineType.TryParse(m.Name) is not { } mt || mt.Family != family) continue;
            machines[m.Name] = m.DefaultCpu ?? "";
            if (m.Alias is { } a) aliases[a] = m.Name;
        }
        var models = new Dictionary<string, uint>(StringComparer.Ordinal);
        var cpuAliases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in p.CpuModels)
        {
            if (c.AliasOf is { } target) { cpuAliases[c.Name.ToLowerInvariant()] = target; continue; }
            models[c.Name] = c.Pvr is { } pvr && HostProfileFile.TryHex32(pvr, out var v) ? v : 0;
        }
        var caps = new Dictionary<(string, string), IReadOnlyDictionary<string, string>>();
        foreach (var s in p.Samples)
            if (s.Caps.Count > 0 && s.ResolvedCpu is { } cpu && s.Error is null) caps[(s.Machine, cpu)] = s.Caps;
        foreach (var m in p.Machines)
            if (m.Caps.Count > 0 && m.DefaultCpu is { } cpu) caps.TryAdd((m.Name, cpu), m.Caps);
        var dump = p.Dumps.FirstOrDefault(d => p.Machines.Any(m => m.Dump == d.Sha256 && machines.ContainsKey(m.Name))) ?? p.Dumps.FirstOrDefault();
        Func<RegisteredVmstate>? registered = null;
        if (dump is not null)
        {
            var lazy = new Lazy<RegisteredVmstate>(() => DumpVmstate(dump, file));
            registered = () => lazy.Value;
        }
        return new ArchProfile
        {
            Architecture = arch, Machines = machines, Aliases = aliases, CpuModels = models, CpuAliases = cpuAliases,
            MeasuredCaps = caps, Registered = registered,
            DeprecatedMachines = p.Machines.Where(m => m.Deprecated && machines.ContainsKey(m.Name)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal),
        };
    }

    /// <summary>The profile's samples as templates.</summary>
    internal static IEnumerable<StreamTemplate> Templates(HostProfile p, string file)
    {
        for (var i = 0; i < p.Samples.Count; i++)
        {
            var s = p.Samples[i];
            if (s.Template is null || s.Error is not null) continue;
            HostSpec spec;
            try
            {
                spec = HostSpecParser.FromArguments(p.Label, s.Args);
            }
            catch (FormatException e)
            {
                throw new ProfileFormatException(file, string.Create(CultureInfo.InvariantCulture, $"$.samples[{i}].args"), e.Message, e);
            }
            var name = string.Create(CultureInfo.InvariantCulture, $"{p.Label}/{p.Arch}/{s.Machine}/{s.Cpu ?? "default"}@{ShortId(p)}");
            yield return new StreamTemplate(name, spec, $"sample in {file}", s.Subsections)
            {
                Compressed = s.Template, CompressedIn = (file, string.Create(CultureInfo.InvariantCulture, $"$.samples[{i}].template")),
            };
        }
    }

    private static string ShortId(HostProfile p) => p.Qemu.BuildId.Length > 15 ? p.Qemu.BuildId[7..15] : p.Qemu.BuildId;

    /// <summary>What a <c>-dump-vmstate</c> declares: every subsection (nested ones included) and the minimum versions.</summary>
    internal static RegisteredVmstate DumpVmstate(ProfileDump dump, string file)
    {
        byte[] json;
        try
        {
            using var compressed = new MemoryStream(dump.Data, writable: false);
            json = StreamTemplate.Gunzip(compressed);
        }
        catch (InvalidDataException e)
        {
            throw new ProfileFormatException(file, "$.dumps", $"dump {dump.Sha256} is not gzip ({e.Message})", e);
        }
        var schema = VmstateDumpLoader.Parse(json, file + " (dump " + dump.Sha256[..Math.Min(12, dump.Sha256.Length)] + ")");
        var subs = new Dictionary<string, uint>(StringComparer.Ordinal);
        var minimums = new Dictionary<string, int>(StringComparer.Ordinal);
        var ambiguous = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<Vmsd>(ReferenceEqualityComparer.Instance);
        foreach (var section in schema.Sections)
        {
            if (section.Vmsd is not { } v) continue;
            AddMinimum(minimums, ambiguous, v.Name, section.MinimumVersionId ?? v.MinimumVersionId);
            Walk(v, subs, minimums, ambiguous, seen);
        }
        foreach (var name in ambiguous) minimums.Remove(name);
        return new RegisteredVmstate(subs, minimums);
    }

    private static void Walk(Vmsd vmsd, Dictionary<string, uint> subs, Dictionary<string, int> minimums, HashSet<string> ambiguous, HashSet<Vmsd> seen)
    {
        if (!seen.Add(vmsd)) return;
        foreach (var f in vmsd.Fields)
            if (f.Struct is { } child) Walk(child, subs, minimums, ambiguous, seen);
        foreach (var s in vmsd.Subsections)
        {
            TemplateSubsections.Add(subs, s.Name, (uint)Math.Max(0, s.VersionId));
            AddMinimum(minimums, ambiguous, s.Name, s.MinimumVersionId);
            Walk(s, subs, minimums, ambiguous, seen);
        }
    }

    private static void AddMinimum(Dictionary<string, int> minimums, HashSet<string> ambiguous, string name, int? minimum)
    {
        if (minimum is not { } m) return;
        if (minimums.TryGetValue(name, out var known) && known != m) ambiguous.Add(name);
        else minimums[name] = m;
    }
}
