using Tern.Platforms;

namespace Tern.Knowledge.Profiles;

/// <summary>
/// The profiles Tern can see outside its embedded knowledge, in precedence order: given files, then each search
/// directory in turn (<c>--profiles</c>, <c>TERN_PROFILE_PATH</c>, the user's profile directory, the lab). Only the
/// header of each file is read up front; a profile is read whole when a spec names its label. The first place that
/// has a label (per target) wins; two different builds with that label in the same place are an ambiguity.
/// </summary>
public sealed class ProfileSearch : IProfileSource
{
    private readonly List<(HostProfileHeader Header, int Rank, string Origin)> _entries = [];
    private readonly Dictionary<string, QemuProfile?> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Scans <paramref name="files"/> (rank 0) and <paramref name="directories"/> (ranks 1…, in order; missing ones are skipped).</summary>
    public ProfileSearch(IEnumerable<string> files, IEnumerable<(string Directory, string Origin)> directories)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(directories);
        foreach (var f in files)
        {
            if (!File.Exists(f)) throw new ProfileFormatException(f, null, "no such profile file");
            _entries.Add((HostProfileFile.ReadHeader(f), 0, "given"));
        }
        var rank = 1;
        foreach (var (dir, origin) in directories)
        {
            foreach (var f in ProfileFiles(dir)) _entries.Add((HostProfileFile.ReadHeader(f), rank, origin));
            rank++;
        }
    }

    /// <summary>Every profile seen, with where it was found (for <c>tern profile list</c>), in precedence order.</summary>
    public IReadOnlyList<(HostProfileHeader Header, string Origin)> Entries => _entries.OrderBy(e => e.Rank).Select(e => (e.Header, e.Origin)).ToList();

    /// <inheritdoc/>
    public IEnumerable<(string Label, QemuVersion Version)> Labels =>
        _entries.Select(e => (e.Header.Label, QemuVersion.TryParse(e.Header.Version, out var v) ? v : default)).DistinctBy(x => x.Label);

    /// <summary>The profile files in one directory (<c>*.tern-profile.json.gz</c>, <c>*.tern-profile.json</c>), sorted; none when it does not exist.</summary>
    public static IEnumerable<string> ProfileFiles(string directory)
    {
        if (!Directory.Exists(directory)) return [];
        return Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(HostProfileFile.Extension, StringComparison.Ordinal) || f.EndsWith(".tern-profile.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc/>
    public QemuProfile? Find(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        lock (_gate)
        {
            if (_loaded.TryGetValue(label, out var cached)) return cached;
            var result = Resolve(label);
            _loaded[label] = result;
            return result;
        }
    }

    private QemuProfile? Resolve(string label)
    {
        var match = LabelMatch.Best(Labels, label, lessPrecise: false);
        if (match is null) return null;
        if (match != label)
        {
            // qemu-11.1 → the newest 11.1.x seen, as one object per label: qemu-11.1 and qemu-11.1.3 find the same profile.
            if (!_loaded.TryGetValue(match, out var same)) _loaded[match] = same = Resolve(match);
            return same;
        }
        var exact = _entries.Where(e => e.Header.Label == label).ToList();
        var chosen = new List<(HostProfile, string)>();
        foreach (var arch in exact.GroupBy(e => e.Header.Arch))
        {
            var best = arch.Min(e => e.Rank);
            var top = arch.Where(e => e.Rank == best).ToList();
            var builds = top.DistinctBy(e => e.Header.BuildId).ToList();
            if (builds.Count > 1) throw new ProfileAmbiguityException(exact[0].Header.Label, arch.Key, builds.Select(b => b.Header).ToList());
            chosen.Add((HostProfileFile.Read(top[0].Header.Path), top[0].Header.Path));
        }
        return ProfileKnowledge.ToQemuProfile(chosen);
    }

    /// <summary>
    /// The default search directories after the <c>--profiles</c> ones: <c>TERN_PROFILE_PATH</c> (colon-separated),
    /// then the user's profile directory (<see cref="UserDirectory"/>), then <paramref name="labProfileDirectories"/>.
    /// </summary>
    public static IEnumerable<(string, string)> DefaultDirectories(IEnumerable<string> given, IEnumerable<string> labProfileDirectories)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(labProfileDirectories);
        foreach (var d in given) yield return (d, "--profiles");
        foreach (var d in (Environment.GetEnvironmentVariable("TERN_PROFILE_PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            yield return (d, "TERN_PROFILE_PATH");
        yield return (UserDirectory, "user");
        foreach (var d in labProfileDirectories) yield return (d, "lab");
    }

    /// <summary>Where <c>tern profile</c> writes by default: <c>$XDG_DATA_HOME/tern/profiles</c>, else <c>~/.local/share/tern/profiles</c>.</summary>
    public static string UserDirectory
    {
        get
        {
            var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
            var data = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share") : xdg;
            return Path.Combine(data, "tern", "profiles");
        }
    }
}
