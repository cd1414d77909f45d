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
        var sink = new DiffSink();
        if (options.Directions.HasFlag(DiffDirections.Forward))
            new DirectionalDiff(new DiffContext(old, @new, MigrationDirection.Forward, options.Rules, sink)).Run();
        if (options.Directions.HasFlag(DiffDirections.Backward))
            new DirectionalDiff(new DiffContext(@new, old, MigrationDirection.Backward, options.Rules, sink)).Run();
        return new SchemaDiffResult(old, @new, options.Directions, sink.Findings, sink.Undecided, sink.Uncompared, Limitations(old, @new));
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
