using Tern.Lab.Matrix;
using Tern.Lab.Migration;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Compat;

/// <summary>One machine type × CPU model of a compat run: the predictions both ways and, with <c>--real</c>, what QEMU did.</summary>
public sealed record CompatCell
{
    /// <summary>The machine type (versioned, e.g. <c>pseries-7.2</c>).</summary>
    public required string Machine { get; init; }

    /// <summary>The <c>-cpu</c> model; null for the machine type's default CPU.</summary>
    public string? Cpu { get; init; }

    /// <summary>The old build's configuration.</summary>
    public required HostSpec OldSpec { get; init; }

    /// <summary>The new build's configuration.</summary>
    public required HostSpec NewSpec { get; init; }

    /// <summary>Tern's prediction for old → new (the engine of <c>tern check</c>).</summary>
    public required Verdict Forward { get; init; }

    /// <summary>Tern's prediction for new → old.</summary>
    public required Verdict Backward { get; init; }

    /// <summary>The static differences that concern this cell.</summary>
    public IReadOnlyList<CompatFact> Facts { get; init; } = [];

    /// <summary>The real old → new migration (lab), or null without <c>--real</c>.</summary>
    public MatrixRecord? RealForward { get; init; }

    /// <summary>The real new → old migration, or null without <c>--real</c>.</summary>
    public MatrixRecord? RealBackward { get; init; }

    /// <summary>The CPU as reports show it.</summary>
    public string CpuLabel => Cpu ?? "(default)";

    /// <summary>The prediction of one direction.</summary>
    public Verdict Predicted(string direction) => direction == CompatDirection.Forward ? Forward : Backward;

    /// <summary>The real run of one direction, if any.</summary>
    public MatrixRecord? Real(string direction) => direction == CompatDirection.Forward ? RealForward : RealBackward;

    /// <summary>True when a real run contradicts the prediction of that direction (a Tern defect).</summary>
    public bool Disagrees(string direction) => Real(direction)?.Agreement == "disagree";

    /// <summary>
    /// The real run of one direction as <c>success</c>, <c>failure</c> (QEMU refused: load failed, a side would not
    /// start, …) or null (not run, or a lab error that says nothing about QEMU).
    /// </summary>
    public string? RealResult(string direction)
    {
        if (Real(direction) is not { } r) return null;
        var outcome = MigrationOutcomeNames.Parse(r.Outcome);
        return !outcome.IsVerdict() ? null : outcome == MigrationOutcome.Success ? "success" : "failure";
    }

    /// <summary>True when the direction is predicted or observed to fail.</summary>
    public bool BreaksIn(string direction) => Predicted(direction).Kind == VerdictKind.Incompatible || RealResult(direction) == "failure";

    /// <summary>True when either direction is predicted or observed to fail.</summary>
    public bool Breaks => BreaksIn(CompatDirection.Forward) || BreaksIn(CompatDirection.Backward);
}
