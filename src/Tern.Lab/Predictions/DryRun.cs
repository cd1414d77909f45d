using Tern.Lab.Captures;
using Tern.Lab.Migration;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Predictions;

/// <summary>
/// <c>tern check --dry-run</c>: the migration itself, with both lab binaries, TCG, paused, each end started as a
/// capture starts it (the VM's options with null back ends), so that QEMU's real answer stands beside the prediction.
/// </summary>
public static class DryRun
{
    /// <summary>Migrates <paramref name="source"/> to <paramref name="destination"/> for real and compares with <paramref name="verdict"/>.</summary>
    public static async Task<DryRunResult> RunAsync(ResolvedHost source, ResolvedHost destination, Verdict verdict, string labDir, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(verdict);
        var arch = source.Architecture.Name();
        var src = new MigrationSide(source.Profile.Label, CaptureArguments.For(source.Spec, source.Machine, source.Cpu));
        var dst = new MigrationSide(destination.Profile.Label, CaptureArguments.For(destination.Spec, destination.Machine, destination.Cpu));
        var hop = (await MigrationRun.RunAsync(src, dst, new MigrationRunOptions { LabDir = labDir, Arch = arch }, cancellationToken).ConfigureAwait(false)).Forward;
        var lines = hop.Stderr.Select(QemuMessages.Plain).Where(l => l.Length > 0 && !l.StartsWith("warning:", StringComparison.Ordinal)).ToList();
        var predicted = verdict.Kind switch
        {
            VerdictKind.Compatible => PredictionVerdict.Compatible,
            VerdictKind.Incompatible => PredictionVerdict.Incompatible,
            _ => PredictionVerdict.Undecidable,
        };
        var agreement = AgreementRules.Compare(predicted, hop.Outcome);
        // Both say "no", but for another reason: QEMU's first line is not among the first finding's.
        if (agreement == Agreement.Agree && hop.Outcome != MigrationOutcome.Success && lines.Count > 0
            && verdict.FirstFatal is { } first && !first.QemuError.Contains(lines[0])) agreement = Agreement.Disagree;
        var detail = hop.LabError ?? $"QEMU {source.Profile.Label} {string.Join(' ', src.Args)} → QEMU {destination.Profile.Label} {string.Join(' ', dst.Args)}";
        return new DryRunResult(hop.Outcome, hop.Outcome == MigrationOutcome.Success ? [] : lines, agreement, detail);
    }
}
