using Tern.Lab.Predictions;

namespace Tern.Lab.Matrix;

/// <summary>How to run a matrix.</summary>
public sealed record MatrixRunOptions
{
    /// <summary>The lab directory.</summary>
    public required string LabDir { get; init; }

    /// <summary>Installations by label that take precedence over <see cref="LabDir"/> (e.g. a QEMU binary given by path).</summary>
    public IReadOnlyDictionary<string, Installation.QemuInstallation>? Installations { get; init; }
    /// <summary>Cells run at the same time (default: the core count).</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;
    /// <summary>The predictor (default: <see cref="NullPredictor"/>).</summary>
    public IMigrationPredictor Predictor { get; init; } = NullPredictor.Instance;
    /// <summary>Expected outcomes; a differing outcome is a regression.</summary>
    public ExpectationSet? Expectations { get; init; }
    /// <summary>The result store; cells it already holds are skipped.</summary>
    public ResultStore? Store { get; init; }
    /// <summary>Keep every stream in this directory (named after the cell); null deletes them after prediction.</summary>
    public string? KeepStreamsDirectory { get; init; }
    /// <summary>Called when a cell starts.</summary>
    public Action<MatrixCell>? CellStarted { get; init; }
    /// <summary>Called when a cell finished and was stored.</summary>
    public Action<MatrixRecord>? CellFinished { get; init; }
}
