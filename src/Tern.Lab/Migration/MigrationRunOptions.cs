using Tern.Lab.Installation;
using Tern.Lab.Processes;

namespace Tern.Lab.Migration;

/// <summary>How to run a migration.</summary>
public sealed record MigrationRunOptions
{
    /// <summary>The lab directory holding the installations.</summary>
    public required string LabDir { get; init; }

    /// <summary>Installations by label that take precedence over the lab directory (e.g. a QEMU binary given by path).</summary>
    public IReadOnlyDictionary<string, QemuInstallation>? Installations { get; init; }
    /// <summary>The guest architecture: <c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }
    /// <summary>File (the fixtures' way) or unix sockets.</summary>
    public MigrationTransport Transport { get; init; } = MigrationTransport.File;
    /// <summary>Also migrate the forward hop's destination back into a fresh process of the source's version.</summary>
    public bool BackHop { get; init; }
    /// <summary>When set, streams are kept in this directory (named after <see cref="StreamName"/>); else deleted.</summary>
    public string? KeepStreamDirectory { get; init; }
    /// <summary>The base file name for kept streams (<c>NAME.stream</c>, <c>NAME.back.stream</c>).</summary>
    public string StreamName { get; init; } = "migration";
    /// <summary>Scratch directory for streams and sockets (default: a new temp directory, deleted afterwards).</summary>
    public string? WorkDirectory { get; init; }
    /// <summary>Sent as <c>exit-on-error</c> in <c>migrate-incoming</c> when not null (QEMU 9.1+); null mirrors the fixtures (destination exits 1).</summary>
    public bool? ExitOnError { get; init; }
    /// <summary>Limit for each hop (start, save, load).</summary>
    public TimeSpan HopTimeout { get; init; } = TimeSpan.FromMinutes(2);
    /// <summary>Migration capabilities set on both sides before migrating (<c>migrate-set-capabilities</c>).</summary>
    public IReadOnlyDictionary<string, bool> Capabilities { get; init; } = new Dictionary<string, bool>();
    /// <summary>
    /// Test hook: called while the forward hop's destination is loading. With the unix transport the relay
    /// holds the rest of the stream until the hook returns (after the first 1 MiB); with files it runs right after <c>migrate-incoming</c>.
    /// </summary>
    public Func<QemuProcess, Task>? DuringLoad { get; init; }
}
