using Tern.Rules;
using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// Compares one VMSD body as the sender writes it with the same body as the receiver reads it: fields (through
/// <see cref="FieldWalk"/>), struct children and subsections, recursively (spec §7–9).
/// </summary>
internal sealed class VmsdComparer(DiffContext ctx)
{
    /// <summary>A top-level or subsection body, which the stream versions: the sender writes at <paramref name="sendVersion"/>, the receiver reads at the same version.</summary>
    public void CompareBody(Vmsd source, Vmsd destination, int sendVersion, BodyScope scope)
    {
        var loadVersion = LoadVersion(destination, sendVersion);
        var sExcluded = new List<GatedField>();
        var dExcluded = new List<GatedField>();
        var sFields = FieldGate.Present(source, ctx.Source, sendVersion, scope.Path, sExcluded);
        var dFields = FieldGate.Present(destination, ctx.Destination, loadVersion, scope.Path, dExcluded);
        if (loadVersion is null)
            ctx.Undecided(FindingCodes.FieldVersionGate, scope, scope.Path,
                $"{ctx.SourceName} sends version {sendVersion}, {ctx.DestinationName}'s stream was written at version {destination.VersionId}",
                "a stream's vmdesc has no field version gates, so which fields the destination reads at the older version is unknown; compare with the destination's -dump-vmstate");
        new FieldWalk(ctx, this, scope).Run(sFields, sExcluded, dFields, dExcluded);
        CompareSubsections(source, destination, scope);
    }

    /// <summary>
    /// Two struct children that line up: each side's child is written/read at its <em>own</em> version (the wire
    /// carries no struct version), so only the field lists at those versions must agree.
    /// </summary>
    public void CompareStruct(GatedField source, GatedField destination, BodyScope scope)
    {
        var s = source.Field.Struct!;
        var d = destination.Field.Struct!;
        var renamed = s.Name != d.Name;
        if (renamed || s.VersionId > d.VersionId)
        {
            var what = renamed ? $"struct VMSD \"{s.Name}\" is \"{d.Name}\" on {ctx.DestinationName}" : $"struct VMSD \"{s.Name}\" version {s.VersionId} > {d.VersionId}";
            ctx.Finding(FindingCodes.StructDescriptionChanged, FindingSeverity.Harmless, scope, source.Path,
                $"{what}; the wire carries neither the name nor the version of a struct child, only its fields (compared below)",
                LoadSemantics.StructVersion);
        }
        var inner = scope with { Path = source.Path };
        var sExcluded = new List<GatedField>();
        var dExcluded = new List<GatedField>();
        var sFields = FieldGate.Present(s, ctx.Source, s.VersionId, source.Path, sExcluded);
        var dFields = FieldGate.Present(d, ctx.Destination, d.VersionId, source.Path, dExcluded);
        new FieldWalk(ctx, this, inner).Run(sFields, sExcluded, dFields, dExcluded);
        CompareSubsections(s, d, inner);
    }

    /// <summary>Subsections of one owner VMSD (spec §8): every one the sender may send must be known to the receiver, at a version it accepts.</summary>
    public void CompareSubsections(Vmsd source, Vmsd destination, BodyScope scope)
    {
        foreach (var ss in source.Subsections)
        {
            var path = SubsectionPath(scope.Path, source.Name, ss.Name);
            var sub = scope with { Path = path, Conditional = scope.Conditional || !ctx.SourceWasSent };
            var ds = destination.FindSubsection(ss.Name);
            if (ds is null)
            {
                MissingSubsection(ss, source, sub);
                continue;
            }
            switch (SubsectionVersionRule.Check(ss.VersionId, ds.VersionId, ds.MinimumVersionId))
            {
                case VersionCheck.TooNew:
                    ctx.Finding(FindingCodes.SubsectionVersionTooNew, sub.Breaking, sub, path,
                        $"{ctx.SourceName} sends subsection {ss.Name} at version {ss.VersionId}; {ctx.DestinationName} loads up to version {ds.VersionId}{SentNote(sub)}",
                        SectionVersionRule.TooNewCitation, SectionVersionRule.TooNew(ss.Name, ss.VersionId, ds.VersionId));
                    continue;
                case VersionCheck.TooOld:
                    ctx.Finding(FindingCodes.SubsectionVersionTooOld, sub.Breaking, sub, path,
                        $"{ctx.SourceName} sends subsection {ss.Name} at version {ss.VersionId}; {ctx.DestinationName} loads from version {ds.MinimumVersionId}{SentNote(sub)}",
                        SectionVersionRule.TooOldCitation, SectionVersionRule.TooOld(ss.Name, ss.VersionId, ds.MinimumVersionId!.Value));
                    continue;
            }
            CompareBody(ss, ds, ss.VersionId, sub);
        }
        if (ctx.Source.Knows(SchemaFacts.AllSubsections))
        {
            foreach (var ds in destination.Subsections)
            {
                if (source.FindSubsection(ds.Name) is not null) continue;
                ctx.Finding(FindingCodes.SubsectionOnlyInDestination, FindingSeverity.Harmless, scope, SubsectionPath(scope.Path, destination.Name, ds.Name),
                    $"{ctx.DestinationName} has subsection {ds.Name}, which {ctx.SourceName} never sends; the destination keeps its own value",
                    LoadSemantics.SubsectionOptional);
            }
        }
    }

    /// <summary>A source struct that the walk stepped into without a counterpart: its subsections have no owner on the receiving side.</summary>
    public void StructWithoutCounterpart(GatedField structField, BodyScope scope)
    {
        var s = structField.Field.Struct!;
        foreach (var ss in s.Subsections)
        {
            var sub = scope with { Path = SubsectionPath(structField.Path, s.Name, ss.Name), Conditional = scope.Conditional || !ctx.SourceWasSent };
            MissingSubsection(ss, s, sub);
        }
    }

    private void MissingSubsection(Vmsd subsection, Vmsd owner, BodyScope sub)
    {
        if (!ctx.Destination.Knows(SchemaFacts.AllSubsections))
        {
            ctx.Undecided(FindingCodes.SubsectionMissing, sub, sub.Path,
                $"{ctx.SourceName} sends subsection {subsection.Name}; {ctx.DestinationName}'s stream did not send it",
                "a stream's vmdesc lists only the subsections that were sent, so whether the destination knows this one is not in it; compare with the destination's -dump-vmstate (not possible for cpu/spapr, which dumps leave out)");
            return;
        }
        var idstr = sub.Section.IdStr;
        ctx.Finding(FindingCodes.SubsectionMissing, sub.Breaking, sub, sub.Path,
            $"{ctx.SourceName} {(ctx.SourceWasSent ? "sends" : "may send")} subsection {subsection.Name} of {owner.Name}; {ctx.DestinationName} does not declare it{SentNote(sub)}",
            UnknownSubsectionRule.Citation,
            $"error while loading state for instance 0x{sub.Section.InstanceId ?? 0:x} of device '{idstr}', then load of migration failed: No such file or directory");
    }

    private string SentNote(BodyScope scope) =>
        scope.Conditional && !ctx.SourceWasSent ? " (only if the source sends it: its needed() decides)" : "";

    private int? LoadVersion(Vmsd destination, int sendVersion) =>
        ctx.Destination.Source == SchemaSource.StreamDescription && destination.VersionId != sendVersion ? null : sendVersion;

    /// <summary>The report path of a subsection: its own name under a section's top-level VMSD, else nested under its owner.</summary>
    public static string SubsectionPath(string ownerPath, string ownerName, string subsectionName) =>
        ownerPath == ownerName ? subsectionName : ownerPath + " > " + subsectionName;
}
