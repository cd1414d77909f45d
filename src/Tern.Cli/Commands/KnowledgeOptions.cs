using System.CommandLine;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Captures;
using Tern.Lab.Installation;

namespace Tern.Cli.Commands;

/// <summary>
/// The options that say where profiles come from (<c>--source-profile</c>, <c>--destination-profile</c>,
/// <c>--profiles DIR</c>), and the knowledge they make: found profiles in front of the embedded ones.
/// </summary>
internal sealed class KnowledgeOptions
{
    public Option<string?> SourceProfile { get; } = new("--source-profile") { Description = "A profile file (tern profile) for the source's QEMU label." };
    public Option<string?> DestinationProfile { get; } = new("--destination-profile") { Description = "A profile file for the destination's QEMU label." };
    public Option<string[]> Profiles { get; } = new("--profiles")
    {
        Description = "A directory of profiles to search (repeatable); then TERN_PROFILE_PATH, the user's profile directory and the lab's are searched, then the embedded knowledge.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> NoCapture { get; } = new("--no-capture")
    {
        Description = "Never start QEMU to capture a whole configuration (devices, backends, other vCPUs); options Tern cannot model then keep the verdict undecidable.",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(SourceProfile);
        command.Options.Add(DestinationProfile);
        command.Options.Add(Profiles);
        command.Options.Add(NoCapture);
    }

    /// <summary>Adds only <c>--profiles</c> (verbs without a source and a destination: plan, baseline).</summary>
    public void AddProfilesTo(Command command) => command.Options.Add(Profiles);

    /// <summary>The knowledge for this invocation.</summary>
    public KnowledgeBase Build(ParseResult r, IEnumerable<string?>? more = null)
    {
        var files = new[] { Value(r, SourceProfile), Value(r, DestinationProfile) }.Concat(more ?? []).Where(f => f is not null).Select(f => f!).Distinct().ToList();
        var search = Search(files, r.GetValue(Profiles) ?? []);
        var knowledge = search.Entries.Count == 0 ? KnowledgeBase.Default : KnowledgeBase.Default.With(search);
        // A configuration templates cannot say is captured on the binary of its build (the lab's, or one named in a spec).
        return r.GetValue(NoCapture) ? knowledge : knowledge.With(new ConfigurationCapture(LabDirectory.Default, BinarySpecs.Programs));
    }

    private static string? Value(ParseResult r, Option<string?> option) => r.GetResult(option) is null ? null : r.GetValue(option);

    /// <summary>Every place profiles are looked for, in order.</summary>
    public static ProfileSearch Search(IEnumerable<string> files, IEnumerable<string> directories) =>
        new(files, ProfileSearch.DefaultDirectories(directories, LabProfileDirectories()));

    /// <summary><c>&lt;lab&gt;/&lt;label&gt;/profiles</c> of every lab installation (where <c>tern lab profile</c> writes).</summary>
    public static IEnumerable<string> LabProfileDirectories()
    {
        var lab = LabDirectory.Default;
        if (!Directory.Exists(lab)) return [];
        return Directory.EnumerateDirectories(lab).Select(d => Path.Combine(d, "profiles")).Where(Directory.Exists).Order(StringComparer.Ordinal).ToList();
    }
}
