namespace Tern.Schema.Diff;

/// <summary>
/// Finds, for each section the sender has, the receiver's section to compare it with: by dump key (with section
/// rename rules) between two dumps, by idstr and instance between two streams, and by VMSD name between a dump and
/// a stream (a dump is keyed by QOM type name, a vmdesc by section idstr).
/// </summary>
internal static class SectionPairing
{
    /// <summary>A sender's section, its counterpart (null when there is none) and the rename rule used, if any.</summary>
    public sealed record Pair(SchemaSection Source, SchemaSection? Destination, RenameRule? Rule);

    public static IEnumerable<Pair> Pairs(DiffContext ctx)
    {
        var src = ctx.Source;
        var dst = ctx.Destination;
        if (src.Source == SchemaSource.VmstateDump && dst.Source == SchemaSource.VmstateDump)
        {
            foreach (var s in src.Sections) yield return ByKey(ctx, s);
            yield break;
        }
        if (src.Source == SchemaSource.StreamDescription && dst.Source == SchemaSource.StreamDescription)
        {
            foreach (var s in src.Sections) yield return new Pair(s, dst.FindSection(s.Key, s.InstanceId), null);
            yield break;
        }
        foreach (var s in src.Sections) yield return new Pair(s, ByVmsdName(dst, s.VmsdName), null);
    }

    private static Pair ByKey(DiffContext ctx, SchemaSection s)
    {
        if (ctx.Destination.FindSection(s.Key) is { } same) return new Pair(s, same, null);
        foreach (var (alias, rule) in ctx.Rules.SectionAliases(s.Key))
            if (ctx.Destination.FindSection(alias) is { } renamed) return new Pair(s, renamed, rule);
        return new Pair(s, null, null);
    }

    // Several dump classes can share a VMSD; the one whose key is the VMSD name is preferred.
    private static SchemaSection? ByVmsdName(VmstateSchema schema, string vmsdName)
    {
        var candidates = schema.FindSectionsByVmsdName(vmsdName);
        if (candidates.Count == 0) return null;
        foreach (var c in candidates)
            if (c.Key == vmsdName) return c;
        return candidates[0];
    }
}
