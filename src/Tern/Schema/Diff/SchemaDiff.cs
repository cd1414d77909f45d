namespace Tern.Schema.Diff;

/// <summary>
/// Compares the VMState descriptions of two QEMUs (or two migrations) in both directions and says, per section,
/// subsection and field, what would break a live migration and why (QEMU's load rules, spec §7–9, §14).
/// </summary>
public static class SchemaDiff
{
    /// <summary>Compares <paramref name="old"/> with <paramref name="new"/>: forward is OLD → NEW, backward NEW → OLD.</summary>
    public static SchemaDiffResult Compare(VmstateSchema old, VmstateSchema @new, SchemaDiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        options ??= new SchemaDiffOptions();
        var rules = options.Rules;
        var forward = options.Directions.HasFlag(DiffDirections.Forward);
        var backward = options.Directions.HasFlag(DiffDirections.Backward);
        DiffSink? f = null, b = null;
        void Forward() => f = Run(old, @new, MigrationDirection.Forward, rules);
        void Backward() => b = Run(@new, old, MigrationDirection.Backward, rules);
        // The two directions share only immutable inputs and report into their own sinks (a sink's duplicates are
        // per direction anyway), so they run side by side; forward's results still come first.
        if (forward && backward)
        {
            try
            {
                Parallel.Invoke(Forward, Backward);
            }
            catch (AggregateException e) when (e.InnerExceptions.Count > 0)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
            }
        }
        else if (forward) Forward();
        else if (backward) Backward();
        return new SchemaDiffResult(old, @new, options.Directions,
            Concat(f?.Findings, b?.Findings), Concat(f?.Undecided, b?.Undecided), Concat(f?.Uncompared, b?.Uncompared),
            Limitations(old, @new));
    }

    private static DiffSink Run(VmstateSchema source, VmstateSchema destination, MigrationDirection direction, RenameRuleSet rules)
    {
        var sink = new DiffSink();
        new DirectionalDiff(new DiffContext(source, destination, direction, rules, sink)).Run();
        return sink;
    }

    private static List<T> Concat<T>(List<T>? first, List<T>? second)
    {
        if (second is null) return first ?? [];
        if (first is null) return second;
        first.AddRange(second);
        return first;
    }

    private static List<string> Limitations(VmstateSchema old, VmstateSchema @new)
    {
        var list = new List<string>();
        foreach (var (name, s) in new[] { ("OLD", old), ("NEW", @new) })
        {
            if (s.Source == SchemaSource.StreamDescription)
                list.Add($"{name} is a stream's vmdesc: it shows what one migration sent (no minimum versions, no field version gates or tests, only the subsections that were sent)");
            else
                list.Add($"{name} is a -dump-vmstate file: it has no cpu, spapr, timer or other vmstate_register() sections, C sizes instead of wire sizes, and cannot tell which subsections or tested fields are sent");
        }
        if (old.Source != @new.Source)
            list.Add("a dump is compared with a stream by VMSD name: only the VMSDs both contain are compared");
        return list;
    }
}
