namespace Tern.Knowledge.Profiles;

/// <summary>
/// One host profile (<c>tern-profile/1</c>, docs/profile-format.md): what one QEMU build offers for one target, learned
/// from the binary by <c>tern profile</c> (<see cref="Provenance"/> <c>measured</c>) or entered from QEMU's source
/// history (<c>source</c>). Everything Tern knows about a QEMU version is a profile; the code holds only the rules.
/// </summary>
public sealed record HostProfile
{
    /// <summary>The format identifier written by this Tern.</summary>
    public const string CurrentFormat = "tern-profile/1";

    /// <summary><c>tern-profile/N</c>.</summary>
    public required string Format { get; init; }
    /// <summary><c>measured</c> (asked of a real binary) or <c>source</c> (from QEMU's source history).</summary>
    public required string Provenance { get; init; }
    /// <summary>The label specs use (<c>qemu-LABEL</c>), normally the release number, e.g. <c>11.1.3</c>.</summary>
    public required string Label { get; init; }
    /// <summary>The target: <c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }
    /// <summary>The build the facts came from.</summary>
    public required QemuBuild Qemu { get; init; }
    /// <summary>When the profile was written (UTC, ISO 8601).</summary>
    public string? GeneratedAt { get; init; }
    /// <summary>What wrote it (<c>tern profile</c>, a script).</summary>
    public string? Generator { get; init; }
    /// <summary>Every machine type the binary registers (<c>query-machines</c>).</summary>
    public IReadOnlyList<ProfileMachine> Machines { get; init => field = value ?? []; } = [];
    /// <summary>Every CPU model (<c>query-cpu-definitions</c>, and <c>-cpu help</c> for POWER PVRs).</summary>
    public IReadOnlyList<ProfileCpuModel> CpuModels { get; init => field = value ?? []; } = [];
    /// <summary>Real streams of bare paused machines, without their RAM pages.</summary>
    public IReadOnlyList<ProfileSample> Samples { get; init => field = value ?? []; } = [];
    /// <summary><c>-dump-vmstate</c> outputs, deduplicated by content (machine types name theirs by hash).</summary>
    public IReadOnlyList<ProfileDump> Dumps { get; init => field = value ?? []; } = [];
}
