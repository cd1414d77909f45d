namespace Tern.Lab.Compat;

/// <summary>The result of <c>tern compat OLD NEW</c>.</summary>
public sealed record CompatReport
{
    /// <summary>The old build.</summary>
    public required CompatBuild Old { get; init; }

    /// <summary>The new build.</summary>
    public required CompatBuild New { get; init; }

    /// <summary><c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }

    /// <summary>Per machine type, in version order.</summary>
    public required IReadOnlyList<CompatMachine> Machines { get; init; }

    /// <summary>Differences of the builds as a whole (CPU models, PVRs).</summary>
    public IReadOnlyList<CompatFact> BuildFacts { get; init; } = [];

    /// <summary>True when real migrations were run.</summary>
    public bool Real { get; init; }

    /// <summary>Wall time of the predictions, in milliseconds.</summary>
    public double PredictMs { get; init; }

    /// <summary>Wall time of the real migrations, in milliseconds (0 without <c>--real</c>).</summary>
    public double RealMs { get; init; }

    /// <summary>Every cell.</summary>
    public IEnumerable<CompatCell> Cells => Machines.SelectMany(m => m.Cells);

    /// <summary>Cells whose real run contradicts the prediction, per direction.</summary>
    public IEnumerable<(CompatCell Cell, string Direction)> Disagreements =>
        Cells.SelectMany(c => new[] { CompatDirection.Forward, CompatDirection.Backward }.Where(c.Disagrees).Select(d => (c, d)));
}
