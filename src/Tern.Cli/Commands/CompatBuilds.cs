using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab;
using Tern.Lab.Compat;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Profiles;
using Tern.Platforms;

namespace Tern.Cli.Commands;

/// <summary>
/// Resolves OLD / NEW of <c>tern compat</c>: a QEMU binary (profiled once, all machine types, cached like
/// <see cref="BinarySpecs"/>), a profile file, or a label found as <c>tern check</c> finds it (given profiles,
/// <c>TERN_PROFILE_PATH</c>, the user's and lab's profile directories, the embedded knowledge), else a lab
/// installation of that label, profiled once. A lab label also brings its binary for <c>--real</c>.
/// </summary>
internal static class CompatBuilds
{
    private const string EmbeddedPrefix = "profiles/";

    public static CompatBuild Resolve(string arg, string arch, IReadOnlyList<string> profileDirs, string labDir)
    {
        if (arg.EndsWith(".json", StringComparison.Ordinal) || arg.EndsWith(".json.gz", StringComparison.Ordinal))
        {
            if (!File.Exists(arg)) throw new UsageException($"{arg}: no such profile file");
            var p = HostProfileFile.Read(arg);
            if (p.Arch != arch) throw new UsageException($"{arg}: a profile of {p.Arch}, not {arch}");
            return new CompatBuild(p.Label, p, arg, TryLab(labDir, p.Label), arg);
        }
        if (File.Exists(arg))
        {
            var binArch = ProfileCommand.ArchOf(arg);
            if (binArch is not null && binArch != arch) throw new UsageException($"{arg}: a qemu-system-{binArch}, not {arch}");
            var inst = QemuInstallation.ForBinary(arg, arch, Path.GetFileName(arg), Path.Combine(LabDirectory.Default, ".."));
            var (profile, file) = ProfileOnce(inst, arch, label: null);
            return new CompatBuild(profile.Label, profile, arg, inst with { Label = profile.Label }, file);
        }
        if (arg.Contains('/', StringComparison.Ordinal)) throw new UsageException($"{arg}: no such QEMU binary or profile file");
        var label = arg.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? arg[5..] : arg;
        if (label.Length == 0 || !char.IsAsciiDigit(label[0]))
            throw new UsageException($"'{arg}' is neither a QEMU binary, a profile file nor a version label (e.g. qemu-10.0.13)");
        var lab = TryLab(labDir, label);

        var found = KnowledgeOptions.Search([], profileDirs).Entries.Where(e => e.Header.Arch == arch).ToList();
        if (Best(found.Select(e => (e.Header.Label, e.Header.Path)), label) is { } hit)
        {
            var p = HostProfileFile.Read(hit.Item);
            return new CompatBuild(p.Label, p, hit.Item, lab, hit.Item);
        }
        var embedded = KnowledgeBase.DataFiles("profiles/")
            .Select(n => (Name: n, Stem: n[EmbeddedPrefix.Length..]))
            .Where(x => x.Stem.EndsWith($"-{arch}{HostProfileFile.Extension}", StringComparison.Ordinal))
            .Select(x => (x.Stem[..^($"-{arch}{HostProfileFile.Extension}".Length)], x.Name));
        if (Best(embedded, label) is { } emb)
        {
            using var s = KnowledgeBase.OpenData(emb.Item);
            var p = HostProfileFile.Read(s, "embedded " + emb.Item);
            return new CompatBuild(emb.Label, p, "embedded " + emb.Item, lab);
        }
        if (lab is not null)
        {
            var (profile, file) = ProfileOnce(lab, arch, lab.Label);
            return new CompatBuild(profile.Label, profile, $"lab {lab.Directory} (profiled)", lab, file);
        }
        throw new UsageException($"no profile and no lab installation for '{arg}' ({arch}): give a QEMU binary, a profile file, or install it (scripts/install-qemu-lab.sh)");
    }

    /// <summary>Two builds with one label but different build ids get distinct labels: the new one is suffixed with its build id.</summary>
    public static CompatBuild Distinguish(CompatBuild old, CompatBuild @new)
    {
        if (old.Label != @new.Label || old.Profile.Qemu.BuildId == @new.Profile.Qemu.BuildId) return @new;
        var id = @new.Profile.Qemu.BuildId.Replace("sha256:", "", StringComparison.Ordinal);
        var label = $"{@new.Label}-{(id.Length >= 8 ? id[..8] : "new")}";
        var profile = @new.Profile with { Label = label };
        var file = Path.Combine(LabProcessRegistry.CreateOwnedTempDirectory("compat").FullName, $"{label}-{profile.Arch}{HostProfileFile.Extension}");
        HostProfileFile.Write(profile, file);
        return @new with { Label = label, Profile = profile, ProfileFile = file, Installation = @new.Installation is null ? null : @new.Installation with { Label = label } };
    }

    /// <summary>
    /// A build profiled here from its binary gets a measured sample of every cell it will be judged on (the profiler
    /// samples CPU models on the newest machine type only; spapr caps are measured per machine type and CPU).
    /// </summary>
    public static CompatBuild WithSamples(CompatBuild build, string arch, IReadOnlyList<string> machines, IReadOnlyList<string> cpus)
    {
        if (build.Installation is null || build.ProfileFile is null || !build.ProfileFile.Contains(Path.Combine("tern", "profiles", "compat-"), StringComparison.Ordinal)) return build;
        var pairs = machines.SelectMany(m => cpus.Select(c => (m, c)))
            .Where(p => !build.Profile.Samples.Any(s => s.Machine == p.m && s.Cpu == p.c)).ToList();
        if (pairs.Count == 0) return build;
        Console.Error.WriteLine($"tern: sampling {pairs.Count} more machine type × CPU model cells of {build.Installation.BinaryFor(arch)}");
        var profile = HostProfiler.ProfileAsync(build.Installation, new HostProfilerOptions
        {
            Arch = arch, Label = build.Profile.Label, Existing = build.Profile, Machines = build.Profile.Machines.Select(m => m.Name).Where(m => build.Profile.Samples.Any(s => s.Machine == m && s.Cpu is null)).ToList(),
            Cpus = [], Pairs = pairs,
        }).GetAwaiter().GetResult();
        HostProfileFile.Write(profile, build.ProfileFile);
        return build with { Profile = profile };
    }

    private static QemuInstallation? TryLab(string labDir, string label)
    {
        try
        {
            return QemuInstallation.Find(labDir, label);
        }
        catch (LabException)
        {
            return null;
        }
    }

    private static (string Label, T Item)? Best<T>(IEnumerable<(string Label, T Item)> candidates, string label)
    {
        var list = candidates.ToList();
        if (list.FirstOrDefault(c => c.Label == label) is { Label: not null } exact) return exact;
        static QemuVersion V(string l) => QemuVersion.TryParse(l, out var v) ? v : default;
        var newer = list.Where(c => c.Label.StartsWith(label + ".", StringComparison.Ordinal)).OrderByDescending(c => V(c.Label)).ToList();
        if (newer.Count > 0) return newer[0];
        var lessPrecise = list.Where(c => label.StartsWith(c.Label + ".", StringComparison.Ordinal)).OrderByDescending(c => V(c.Label)).ToList();
        return lessPrecise.Count > 0 ? lessPrecise[0] : null;
    }

    private static (HostProfile Profile, string File) ProfileOnce(QemuInstallation inst, string arch, string? label)
    {
        var binary = inst.BinaryFor(arch);
        var file = CacheFile(binary, arch);
        var existing = File.Exists(file) ? HostProfileFile.Read(file) : null;
        if (existing is not null && (label is null || existing.Label == label)) return (existing, file);
        Console.Error.WriteLine($"tern: profiling {binary} once (every machine type); cached in {file}");
        var profile = HostProfiler.ProfileAsync(inst, new HostProfilerOptions { Arch = arch, Label = label }).GetAwaiter().GetResult();
        if (label is null) profile = profile with { Label = profile.Qemu.Version };
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        HostProfileFile.Write(profile, file);
        return (profile, file);
    }

    private static string CacheFile(string binary, string arch)
    {
        var info = new FileInfo(Path.GetFullPath(binary));
        var key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "tern", "profiles", $"compat-{hash}-{arch}{HostProfileFile.Extension}");
    }
}
