using Tern.Lab.Migration;

namespace Tern.Lab.Predictions;

/// <summary>What real QEMU did in a <c>tern check --dry-run</c>, beside the prediction.</summary>
/// <param name="Outcome">The real outcome (<see cref="MigrationOutcome.Error"/> when the lab could not run it).</param>
/// <param name="QemuError">QEMU's own lines, first first, without warnings; empty on success.</param>
/// <param name="Agreement">Prediction against reality; <c>disagree</c> is a Tern defect.</param>
/// <param name="Detail">What ran, or why nothing could.</param>
public sealed record DryRunResult(MigrationOutcome Outcome, IReadOnlyList<string> QemuError, Agreement Agreement, string Detail);
