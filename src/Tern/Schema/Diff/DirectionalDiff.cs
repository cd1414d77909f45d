using Tern.Rules;
using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// One direction of a diff: "can the sender's stream load on the receiver?" (the question
/// vmstate-static-checker.py asks with <c>-s SRC -d DEST</c>). Section-level checks here, bodies in <see cref="VmsdComparer"/>.
/// </summary>
internal sealed class DirectionalDiff(DiffContext ctx)
{
    private readonly VmsdComparer _bodies = new(ctx);

    public void Run()
    {
        MachineTypes();
        var mixed = ctx.Source.Source != ctx.Destination.Source;
        var skippedClasses = 0;
        var matched = new HashSet<SchemaSection>();
        foreach (var pair in SectionPairing.Pairs(ctx))
        {
            if (pair.Destination is null)
            {
                if (mixed && ctx.Source.Source == SchemaSource.VmstateDump)
                {
                    skippedClasses++;
                    continue;
                }
                Missing(pair.Source);
                continue;
            }
            matched.Add(pair.Destination);
            Compare(pair.Source, pair.Destination, pair.Rule);
        }
        if (skippedClasses > 0)
            ctx.Sink.Add(new UncomparedSection(ctx.Direction, $"({skippedClasses} device classes)", null,
                $"{skippedClasses} device classes of {ctx.SourceName}'s -dump-vmstate are not in {ctx.DestinationName}'s stream: that VM has no such device, so there is nothing to compare them with"));
        if (ctx.BothStreams) OnlyInDestination(matched);
    }

    private void MachineTypes()
    {
        if (ctx.Direction != MigrationDirection.Forward) return;
        if (ctx.Source.MachineType is not { } a || ctx.Destination.MachineType is not { } b || a == b) return;
        var scope = new BodyScope(new SectionRef(VmstateDumpLoader.MachineKey, null, VmstateDumpLoader.MachineKey), VmstateDumpLoader.MachineKey, false);
        ctx.Finding(FindingCodes.MachineTypeDiffers, FindingSeverity.Harmless, scope, VmstateDumpLoader.MachineKey,
            $"the inputs were made with different machine types: \"{a}\" (OLD), \"{b}\" (NEW); a real migration needs the same machine type on both sides (\"{MachineTypeRule.Message(a, b)}\")",
            MachineTypeRule.Citation);
    }

    private void Missing(SchemaSection s)
    {
        var reference = Ref(s, null);
        var scope = new BodyScope(reference, s.VmsdName, false);
        if (ctx.SourceWasSent && ctx.Destination.Source == SchemaSource.VmstateDump)
        {
            ctx.Sink.Add(new UncomparedSection(ctx.Direction, s.Key, s.InstanceId,
                $"VMSD \"{s.VmsdName}\" is not in {ctx.DestinationName}'s -dump-vmstate: dumps leave out VMSDs registered with vmstate_register() (cpu, cpu_common, spapr, timer, spapr_iommu, …), so its absence proves nothing"));
            return;
        }
        if (ctx.SourceWasSent)
        {
            ctx.Finding(FindingCodes.SectionMissing, FindingSeverity.Breaks, scope, s.VmsdName,
                $"{ctx.SourceName} sends section \"{s.Key}\" instance {s.InstanceId ?? 0}; {ctx.DestinationName}'s stream has no such section, so its VM does not register it",
                UnknownSectionRule.Citation, UnknownSectionRule.Message(s.Key, s.InstanceId ?? 0));
            return;
        }
        ctx.Finding(FindingCodes.SectionMissing, FindingSeverity.BreaksIfSent, scope, s.VmsdName,
            $"device class \"{s.Key}\" (VMSD {s.VmsdName}) does not exist in {ctx.DestinationName}; a VM with this device cannot migrate there",
            UnknownSectionRule.Citation, UnknownSectionRule.Message(s.VmsdName, 0));
    }

    private void OnlyInDestination(HashSet<SchemaSection> matched)
    {
        foreach (var d in ctx.Destination.Sections)
        {
            if (matched.Contains(d)) continue;
            var scope = new BodyScope(new SectionRef(d.Key, d.InstanceId, d.Key), d.VmsdName, false);
            ctx.Finding(FindingCodes.SectionOnlyInDestination, FindingSeverity.Harmless, scope, d.VmsdName,
                $"{ctx.DestinationName} has section \"{d.Key}\" instance {d.InstanceId ?? 0}, which {ctx.SourceName} does not send; the destination keeps its reset state",
                LoadSemantics.MissingSectionAllowed);
        }
    }

    private void Compare(SchemaSection s, SchemaSection d, RenameRule? sectionRule)
    {
        var reference = Ref(s, d);
        var scope = new BodyScope(reference, s.VmsdName, false);
        if (sectionRule is not null)
            ctx.Finding(FindingCodes.SectionRenamed, FindingSeverity.Harmless, scope, s.VmsdName,
                $"device class \"{s.Key}\" is \"{d.Key}\" on {ctx.DestinationName}", LoadSemantics.Rename, renameRule: sectionRule.Id);
        if (s.Vmsd is null) return;
        if (d.Vmsd is null)
        {
            ctx.Finding(FindingCodes.VmsdMissing, FindingSeverity.Breaks, scope, s.VmsdName,
                $"{ctx.DestinationName}'s entry for \"{d.Key}\" has no Description", UnknownSectionRule.Citation);
            return;
        }
        if (!SectionVersions(s, d, scope)) return;
        if (!VmsdName(s.Vmsd, d.Vmsd, d, scope)) return;
        if (!VmsdVersions(s, d, scope)) return;
        if (s.IsLegacy || d.IsLegacy) return;
        _bodies.CompareBody(s.Vmsd, d.Vmsd, s.Vmsd.VersionId, scope);
    }

    // savevm.c checks the section version against the SaveStateEntry's (for a VMSD, its version_id); vmstate.c then
    // checks the minimum. The checker forgets to report the second at the top level; both are reported here.
    private bool SectionVersions(SchemaSection s, SchemaSection d, BodyScope scope)
    {
        var min = d.MinimumVersionId ?? d.Vmsd?.MinimumVersionId;
        switch (SectionVersionRule.Check(s.VersionId, d.VersionId, min))
        {
            case VersionCheck.TooNew:
                ctx.Finding(FindingCodes.SectionVersionTooNew, FindingSeverity.Breaks, scope, s.VmsdName,
                    $"{ctx.SourceName} sends section {scope.Section.IdStr} at version {s.VersionId}; {ctx.DestinationName} loads up to version {d.VersionId}",
                    SectionVersionRule.SavevmCitation, SectionVersionRule.UnsupportedVersion(s.VersionId, scope.Section.IdStr, d.VersionId));
                return false;
            case VersionCheck.TooOld:
                ctx.Finding(FindingCodes.SectionVersionTooOld, FindingSeverity.Breaks, scope, s.VmsdName,
                    $"{ctx.SourceName} sends section {scope.Section.IdStr} at version {s.VersionId}; {ctx.DestinationName} loads from version {min}",
                    SectionVersionRule.TooOldCitation, SectionVersionRule.TooOld(d.VmsdName, s.VersionId, min!.Value));
                return false;
            default:
                return true;
        }
    }

    // Hand-made dumps can give the Description other numbers than the section; check those too.
    private bool VmsdVersions(SchemaSection s, SchemaSection d, BodyScope scope)
    {
        var sv = s.Vmsd!;
        var dv = d.Vmsd!;
        if (sv.VersionId == s.VersionId && dv.VersionId == d.VersionId && dv.MinimumVersionId == (d.MinimumVersionId ?? dv.MinimumVersionId)) return true;
        switch (SectionVersionRule.Check(sv.VersionId, dv.VersionId, dv.MinimumVersionId))
        {
            case VersionCheck.TooNew:
                ctx.Finding(FindingCodes.VmsdVersionTooNew, FindingSeverity.Breaks, scope, sv.Name,
                    $"{ctx.SourceName}'s VMSD {sv.Name} is version {sv.VersionId}; {ctx.DestinationName}'s loads up to {dv.VersionId}",
                    SectionVersionRule.TooNewCitation, SectionVersionRule.TooNew(sv.Name, sv.VersionId, dv.VersionId));
                return false;
            case VersionCheck.TooOld:
                ctx.Finding(FindingCodes.VmsdVersionTooOld, FindingSeverity.Breaks, scope, sv.Name,
                    $"{ctx.SourceName}'s VMSD {sv.Name} is version {sv.VersionId}; {ctx.DestinationName}'s loads from {dv.MinimumVersionId}",
                    SectionVersionRule.TooOldCitation, SectionVersionRule.TooOld(sv.Name, sv.VersionId, dv.MinimumVersionId!.Value));
                return false;
            default:
                return true;
        }
    }

    private bool VmsdName(Vmsd s, Vmsd d, SchemaSection dSection, BodyScope scope)
    {
        if (s.Name == d.Name) return true;
        if (ctx.Rules.FindVmsd(dSection.Key, s.Name, d.Name) is { } rule)
        {
            ctx.Finding(FindingCodes.VmsdNameMismatch, FindingSeverity.Harmless, scope, s.Name,
                $"VMSD \"{s.Name}\" is \"{d.Name}\" on {ctx.DestinationName}", LoadSemantics.Rename, renameRule: rule.Id);
            return true;
        }
        ctx.Finding(FindingCodes.VmsdNameMismatch, FindingSeverity.Breaks, scope, s.Name,
            $"{ctx.SourceName}'s \"{dSection.Key}\" uses VMSD \"{s.Name}\", {ctx.DestinationName}'s uses \"{d.Name}\": the section idstr is derived from the VMSD name, so the destination does not know the section",
            UnknownSectionRule.IdstrCitation, UnknownSectionRule.Message(s.Name, 0));
        return false;
    }

    private SectionRef Ref(SchemaSection s, SchemaSection? d)
    {
        // Findings name the stream's section when a stream is involved (its idstr is what QEMU prints).
        var streamSide = s.InstanceId is not null ? s : d?.InstanceId is not null ? d : null;
        return streamSide is not null
            ? new SectionRef(streamSide.Key, streamSide.InstanceId, streamSide.Key)
            : new SectionRef(s.Key, null, s.VmsdName);
    }
}
