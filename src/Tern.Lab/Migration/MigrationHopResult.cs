namespace Tern.Lab.Migration;

/// <summary>What one hop did: the outcome, how each side ended, what they printed, how long it took, how big the stream was.</summary>
public sealed record MigrationHopResult
{
    /// <summary><c>forward</c> or <c>back</c>.</summary>
    public required string Hop { get; init; }
    /// <summary>The source side.</summary>
    public required MigrationSide Source { get; init; }
    /// <summary>The destination side.</summary>
    public required MigrationSide Destination { get; init; }
    /// <summary>The transport.</summary>
    public required MigrationTransport Transport { get; init; }
    /// <summary>The outcome.</summary>
    public required MigrationOutcome Outcome { get; init; }
    /// <summary>
    /// The failing side's exit as outcomes.jsonl records it (exit code, or minus the signal); for a success the destination's exit after <c>quit</c>.
    /// Null when it did not end (e.g. kept for a back hop and then killed by the lab).
    /// </summary>
    public int? Exit { get; init; }
    /// <summary>The signal that killed the failing side, if any.</summary>
    public int? Signal { get; init; }
    /// <summary>How the source ended.</summary>
    public int? SourceExit { get; init; }
    /// <summary>How the destination ended.</summary>
    public int? DestinationExit { get; init; }
    /// <summary>Every stderr line of the side that decided the outcome (the destination unless the source failed).</summary>
    public IReadOnlyList<string> Stderr { get; init; } = [];
    /// <summary>Every stderr line of the source.</summary>
    public IReadOnlyList<string> SourceStderr { get; init; } = [];
    /// <summary>Every stderr line of the destination.</summary>
    public IReadOnlyList<string> DestinationStderr { get; init; } = [];
    /// <summary>The <c>error-desc</c> from query-migrate, when QEMU gave one.</summary>
    public string? ErrorDescription { get; init; }
    /// <summary>The destination's run state after a successful load (<c>prelaunch</c> / <c>paused</c>).</summary>
    public string? DestinationRunState { get; init; }
    /// <summary>Stream size in bytes, when the source wrote one.</summary>
    public long? StreamBytes { get; init; }
    /// <summary>The kept stream file, when asked to keep it.</summary>
    public string? StreamPath { get; init; }
    /// <summary>Timings.</summary>
    public required MigrationTimings Timings { get; init; }
    /// <summary>A lab-side problem (for <see cref="MigrationOutcome.Error"/>).</summary>
    public string? LabError { get; init; }
}
