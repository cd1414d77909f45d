namespace Tern.Knowledge.Profiles;

/// <summary>
/// A real stream of a bare paused machine (<c>-S</c>, TCG, no devices), without its RAM pages: the sections and
/// subsections that configuration sends, and the stream itself as a template Tern edits to simulate a source.
/// </summary>
public sealed record ProfileSample
{
    /// <summary>The machine type.</summary>
    public required string Machine { get; init; }
    /// <summary>The <c>-cpu</c> given, or null for the machine's default.</summary>
    public string? Cpu { get; init; }
    /// <summary>The CPU model the machine ran (resolved), e.g. <c>power10_v2.0</c>.</summary>
    public string? ResolvedCpu { get; init; }
    /// <summary>The QEMU arguments that made the stream (without <c>-L</c> and <c>-qmp</c>).</summary>
    public IReadOnlyList<string> Args { get; init => field = value ?? []; } = [];
    /// <summary>The stream's size with pages, in bytes.</summary>
    public long StreamBytes { get; init; }
    /// <summary>Device sections in stream order.</summary>
    public IReadOnlyList<ProfileSection> Sections { get; init => field = value ?? []; } = [];
    /// <summary>Every subsection the stream carries, with its highest version.</summary>
    public IReadOnlyDictionary<string, uint> Subsections { get; init => field = value ?? new Dictionary<string, uint>(); } = new Dictionary<string, uint>();
    /// <summary>spapr caps read on this started machine (<c>qom-get</c>), by property name; empty on other targets.</summary>
    public IReadOnlyDictionary<string, string> Caps { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
    /// <summary>ARM: CPU 0's cpreg index list (hex), in stream order; null elsewhere.</summary>
    public IReadOnlyList<string>? CpregIndexes { get; init; }
    /// <summary>ARM: CPU 0's cpreg values (hex), parallel to <see cref="CpregIndexes"/>.</summary>
    public IReadOnlyList<string>? CpregValues { get; init; }
    /// <summary>
    /// The stream without pages, gzip (base64 in the file, decoded by the JSON reader straight from UTF-8); null when the
    /// migration failed.
    /// </summary>
    public byte[]? Template { get; init; }
    /// <summary>Why no stream was taken (QEMU's own error), or null.</summary>
    public string? Error { get; init; }
}
