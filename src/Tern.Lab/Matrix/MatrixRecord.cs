namespace Tern.Lab.Matrix;

/// <summary>
/// The stored result of one matrix cell: what it ran, what real QEMU did (forward and back hop), what Tern
/// predicted, whether they agree, and whether it regressed from an expected outcome. This is the row of the
/// SQLite store and the element of the JSON report.
/// </summary>
public sealed record MatrixRecord
{
    /// <summary>The cell id (<see cref="MatrixCell.Id"/>).</summary>
    public required string CellId { get; init; }
    /// <summary>The cell key (<see cref="MatrixCell.Key"/>).</summary>
    public required string Key { get; init; }
    /// <summary>The guest architecture.</summary>
    public required string Arch { get; init; }
    /// <summary>The machine type.</summary>
    public required string Machine { get; init; }
    /// <summary>The CPU label (<c>(default)</c> when none).</summary>
    public required string Cpu { get; init; }
    /// <summary>The variant.</summary>
    public required string Variant { get; init; }
    /// <summary><c>file</c> or <c>unix</c>.</summary>
    public required string Transport { get; init; }
    /// <summary>The source version label.</summary>
    public required string SourceQemu { get; init; }
    /// <summary>The source arguments.</summary>
    public required IReadOnlyList<string> SourceArgs { get; init; }
    /// <summary>The destination version label.</summary>
    public required string DestinationQemu { get; init; }
    /// <summary>The destination arguments.</summary>
    public required IReadOnlyList<string> DestinationArgs { get; init; }
    /// <summary>The forward outcome (<c>success</c>, <c>load-failed</c>, ...).</summary>
    public required string Outcome { get; init; }
    /// <summary>The forward exit (exit code or minus the signal).</summary>
    public int? Exit { get; init; }
    /// <summary>The signal that killed the failing side.</summary>
    public int? Signal { get; init; }
    /// <summary>The stderr lines of the side that decided the forward outcome.</summary>
    public IReadOnlyList<string> Stderr { get; init; } = [];
    /// <summary>The source's stderr lines (forward hop).</summary>
    public IReadOnlyList<string> SourceStderr { get; init; } = [];
    /// <summary>query-migrate's error-desc, when any.</summary>
    public string? ErrorDescription { get; init; }
    /// <summary>A lab-side error (outcome <c>error</c>).</summary>
    public string? LabError { get; init; }
    /// <summary>Forward stream size in bytes.</summary>
    public long? StreamBytes { get; init; }
    /// <summary>The kept forward stream, when kept.</summary>
    public string? StreamPath { get; init; }
    /// <summary>The back hop's outcome, when run.</summary>
    public string? BackOutcome { get; init; }
    /// <summary>The back hop's exit.</summary>
    public int? BackExit { get; init; }
    /// <summary>The back hop's deciding stderr lines.</summary>
    public IReadOnlyList<string> BackStderr { get; init; } = [];
    /// <summary>The cell's wall time (ms), including Tern's own work.</summary>
    public double WallMs { get; init; }
    /// <summary>The summed lifetimes of the QEMU processes the cell started (ms).</summary>
    public double QemuMs { get; init; }
    /// <summary>Time spent in the predictor (ms).</summary>
    public double PredictMs { get; init; }
    /// <summary><c>compatible</c>, <c>incompatible</c> or <c>undecidable</c>.</summary>
    public string PredictedVerdict { get; init; } = "undecidable";
    /// <summary>The QEMU error lines the predictor expected.</summary>
    public IReadOnlyList<string> PredictedErrors { get; init; } = [];
    /// <summary>The predictor's finding codes.</summary>
    public IReadOnlyList<string> FindingCodes { get; init; } = [];
    /// <summary>The predictor's summary.</summary>
    public string PredictionSummary { get; init; } = "";
    /// <summary><c>agree</c>, <c>disagree</c> or <c>unpredicted</c>.</summary>
    public string Agreement { get; init; } = "unpredicted";
    /// <summary>The expected forward outcome (from <c>--expect</c>), when known.</summary>
    public string? ExpectedOutcome { get; init; }
    /// <summary>The expected back outcome, when known.</summary>
    public string? ExpectedBackOutcome { get; init; }
    /// <summary>True when an outcome differs from the expected one.</summary>
    public bool Regression { get; init; }
    /// <summary>When the cell finished (UTC, ISO 8601).</summary>
    public string FinishedAt { get; init; } = "";

    /// <summary>True when the cell counts as a failure in CI (a disagreement or a regression).</summary>
    public bool Failed => Agreement == "disagree" || Regression;

    /// <summary>The version pair label, e.g. <c>5.2 → 7.2</c>.</summary>
    public string Pair => $"{SourceQemu} → {DestinationQemu}";
}
