namespace Tern.Lab.Matrix;

/// <summary>What a matrix run did.</summary>
/// <param name="Records">The records of the cells run now.</param>
/// <param name="Skipped">Cells skipped because the store already held them.</param>
/// <param name="WallMs">The run's wall time in milliseconds.</param>
/// <param name="Jobs">The parallelism used.</param>
public sealed record MatrixRunSummary(IReadOnlyList<MatrixRecord> Records, int Skipped, double WallMs, int Jobs);
