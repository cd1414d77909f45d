using Tern.Platforms;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// Finds the single change (<see cref="CandidateChanges"/>) that opens the most hosts to a VM, verified: every
/// candidate is judged by the engine on every target, applied on both ends (the VM restarts with it, then migrates).
/// </summary>
public static class SuggestionSearch
{
    /// <summary>
    /// The best verified change for <paramref name="options"/> on <paramref name="source"/>, or null when no single
    /// change makes more targets compatible. <paramref name="targets"/> are the host classes with how many hosts each
    /// stands for; <paramref name="current"/> the verdicts now, in the same order.
    /// </summary>
    public static PlanSuggestion? Find(FleetJudge judge, HostSpec options, FleetHost source, IReadOnlyList<(FleetHost Host, int Count, IReadOnlyList<string> Names)> targets, IReadOnlyList<Verdict> current)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(current);
        var before = Score(targets, current);
        if (before.Blocked == 0 && before.Undecidable == 0) return null;
        // Predictor never calls a configuration with an unmodelled option compatible, and no candidate removes one.
        if (options.Unmodelled.Count > 0) return null;
        var blockers = current.SelectMany(v => v.Findings.Where(f => f.Severity == Severity.Fatal));
        // The source must still start the changed VM: its start-up gates are part of every verdict of the candidate.
        (CandidateChange Change, Tally Score, Verdict[] Verdicts)? best = null;
        foreach (var c in CandidateChanges.For(options, source, targets.Select(t => t.Host).ToList(), blockers))
        {
            var key = VmOptions.ClassKey(c.Options);
            // The targets not compatible now first: a candidate that opens none of them is dropped without judging the rest.
            var verdicts = new Verdict[targets.Count];
            var opens = false;
            for (var i = 0; i < targets.Count; i++)
            {
                if (current[i].Kind == VerdictKind.Compatible) continue;
                verdicts[i] = judge.Judge(c.Options, key, source, targets[i].Host);
                opens |= verdicts[i].Kind == VerdictKind.Compatible;
            }
            if (!opens) continue;
            for (var i = 0; i < targets.Count; i++)
                verdicts[i] ??= judge.Judge(c.Options, key, source, targets[i].Host);
            var s = Score(targets, verdicts);
            if (s.Compatible <= before.Compatible) continue;
            if (best is null || s.Compatible > best.Value.Score.Compatible || (s.Compatible == best.Value.Score.Compatible && s.Blocked < best.Value.Score.Blocked))
                best = (c, s, verdicts);
        }
        if (best is not { } b) return null;
        var opened = new List<string>();
        for (var i = 0; i < targets.Count; i++)
            if (b.Verdicts[i].Kind == VerdictKind.Compatible && current[i].Kind != VerdictKind.Compatible) opened.AddRange(targets[i].Names);
        return new PlanSuggestion(b.Change.Kind, b.Change.Option, b.Change.Description, before.Compatible, b.Score.Compatible, opened);
    }

    private readonly record struct Tally(int Compatible, int Blocked, int Undecidable);

    private static Tally Score(IReadOnlyList<(FleetHost Host, int Count, IReadOnlyList<string> Names)> targets, IReadOnlyList<Verdict> verdicts)
    {
        int c = 0, b = 0, u = 0;
        for (var i = 0; i < targets.Count; i++)
        {
            switch (verdicts[i].Kind)
            {
                case VerdictKind.Compatible: c += targets[i].Count; break;
                case VerdictKind.Incompatible: b += targets[i].Count; break;
                default: u += targets[i].Count; break;
            }
        }
        return new Tally(c, b, u);
    }
}
