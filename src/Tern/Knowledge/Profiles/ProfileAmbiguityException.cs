namespace Tern.Knowledge.Profiles;

/// <summary>Two different builds (build ids) carry the same label for the same target: Tern will not guess which one a spec means.</summary>
public sealed class ProfileAmbiguityException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ProfileAmbiguityException(string label, string arch, IReadOnlyList<HostProfileHeader> candidates)
        : base($"qemu-{label} is ambiguous for {arch}: {string.Join(" and ", (candidates ?? []).Select(c => $"{c.Path} ({(c.BuildId.Length == 0 ? "no build id" : c.BuildId)})"))} are different builds; give one with --source-profile/--destination-profile, or relabel one (tern profile --label)")
    {
        Candidates = candidates ?? [];
    }

    /// <summary>The profiles that carry the label.</summary>
    public IReadOnlyList<HostProfileHeader> Candidates { get; }
}
