using Tern.Predict;

namespace Tern.Fleet;

/// <summary>One target of a VM: the engine's verdict for moving there, and for coming back.</summary>
/// <param name="Host">The target host's name.</param>
/// <param name="Verdict">The verdict of <see cref="Predictor.Predict"/> from the VM's host to <paramref name="Host"/>.</param>
/// <param name="Back">The verdict for the VM, once on <paramref name="Host"/>, migrating back to where it runs now.</param>
public sealed record PlanTarget(string Host, Verdict Verdict, Verdict Back)
{
    /// <summary>True when both ways are compatible.</summary>
    public bool RoundTrip => Verdict.Kind == VerdictKind.Compatible && Back.Kind == VerdictKind.Compatible;

    /// <summary>The first fatal finding (what blocks the move), or null.</summary>
    public Finding? Blocker => Verdict.Findings.FirstOrDefault(f => f.Severity == Severity.Fatal);
}
