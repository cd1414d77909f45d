using Tern.Rules;
using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// Compares two fields that line up: element count, element size (only where both sizes measure the same thing),
/// VMStateInfo type and test flags. Struct children are compared by <see cref="VmsdComparer.CompareStruct"/>.
/// </summary>
internal sealed class MatchedFieldCheck(DiffContext ctx, BodyScope scope)
{
    public void Compare(GatedField s, GatedField d, FieldWalk walk)
    {
        CompareTests(s, d);
        CompareCounts(s, d, walk);
        if (!s.Field.IsStruct) CompareSizes(s, d);
        walk.NoteBound(s, d);
    }

    private void CompareTests(GatedField s, GatedField d)
    {
        if (s.Field.HasTest is not bool st || d.Field.HasTest is not bool dt || st == dt) return;
        ctx.Finding(FindingCodes.FieldTestDiffers, FindingSeverity.BreaksIfSent, scope, s.Path,
            st ? $"{ctx.SourceName} sends \"{s.Name}\" only when its test is true; {ctx.DestinationName} always reads it"
               : $"{ctx.SourceName} always sends \"{s.Name}\"; {ctx.DestinationName} reads it only when its test is true",
            LoadSemantics.FieldExists);
    }

    private void CompareCounts(GatedField s, GatedField d, FieldWalk walk)
    {
        if (s.ElementCount(ctx.Source) is not long sc || d.ElementCount(ctx.Destination) is not long dc || sc == dc) return;
        if (ctx.BothStreams && walk.ExplainCounts(s, d, sc, dc)) return;
        var destinationFixed = ctx.Destination.Source == SchemaSource.VmstateDump; // a dump's count is a fixed VMS_ARRAY num
        if (destinationFixed)
        {
            ctx.Finding(FindingCodes.ArrayLengthMismatch, scope.Breaking, scope, s.Path,
                $"{ctx.SourceName} sends {sc} elements of \"{s.Name}\"; {ctx.DestinationName} reads a fixed array of {dc}",
                FieldLayoutRule.Citation);
            return;
        }
        ctx.Undecided(FindingCodes.ArrayLengthMismatch, scope, s.Path,
            $"{ctx.SourceName} sends {sc} elements of \"{s.Name}\"; {ctx.DestinationName}'s stream had {dc}",
            "a stream's element counts include VARRAY counts, which are per stream; a fixed VMS_ARRAY with another length would break");
    }

    private void CompareSizes(GatedField s, GatedField d)
    {
        var sf = s.Field;
        var df = d.Field;
        if (sf.SizeKind == FieldSizeKind.Wire && df.SizeKind == FieldSizeKind.Wire)
            CompareWire(s, d);
        else if (sf.SizeKind == FieldSizeKind.Host && df.SizeKind == FieldSizeKind.Host)
            CompareHost(s, d);
        else
            CompareMixed(s, d);
    }

    // Both vmdescs: sizes are bytes on the wire and types are known.
    private void CompareWire(GatedField s, GatedField d)
    {
        var sf = s.Field;
        var df = d.Field;
        if (sf.Type != df.Type && !(sf.Type == "nullptr" || df.Type == "nullptr"))
        {
            var sw = WireTypes.FixedWidth(sf.Type) ?? sf.Size;
            var dw = WireTypes.FixedWidth(df.Type) ?? df.Size;
            if (sw != dw)
                ctx.Finding(FindingCodes.FieldTypeMismatch, scope.Breaking, scope, s.Path,
                    $"\"{s.Name}\" is {sf.Type} ({sw} bytes) on {ctx.SourceName}, {df.Type} ({dw} bytes) on {ctx.DestinationName}",
                    FieldLayoutRule.Citation);
            else
                ctx.Finding(FindingCodes.FieldTypeMismatch, FindingSeverity.Harmless, scope, s.Path,
                    $"\"{s.Name}\" is {sf.Type} on {ctx.SourceName}, {df.Type} on {ctx.DestinationName}: same {sw} bytes on the wire{EqualNote(df.Type)}",
                    FieldLayoutRule.Citation);
            return;
        }
        if (sf.Size == df.Size) return;
        if (WireTypes.MayBePerStreamSize(sf.Type))
        {
            ctx.Undecided(FindingCodes.FieldSizeMismatch, scope, s.Path,
                $"buffer \"{s.Name}\" is {sf.Size} bytes in {ctx.SourceName}'s stream, {df.Size} in {ctx.DestinationName}'s",
                "a VMSTATE_VBUFFER's size is a per-stream length; a static VMSTATE_BUFFER of another size would break");
            return;
        }
        ctx.Finding(FindingCodes.FieldSizeMismatch, scope.Breaking, scope, s.Path,
            $"\"{s.Name}\" ({sf.Type}) is {sf.Size} bytes on {ctx.SourceName}'s wire, {df.Size} on {ctx.DestinationName}'s",
            FieldLayoutRule.Citation);
    }

    // Both dumps: sizes are the host's sizeof, which is the wire size only for the integer types.
    private void CompareHost(GatedField s, GatedField d)
    {
        var a = s.Field.Size;
        var b = d.Field.Size;
        if (a == b) return;
        if (WireTypes.IsIntegerWidth(a) && WireTypes.IsIntegerWidth(b))
        {
            ctx.Finding(FindingCodes.FieldSizeMismatch, Severity(s, d), scope, s.Path,
                $"\"{s.Name}\" is {a} bytes on {ctx.SourceName}, {b} on {ctx.DestinationName}: an integer field changed width",
                FieldLayoutRule.Citation);
            return;
        }
        ctx.Undecided(FindingCodes.FieldSizeMismatch, scope, s.Path,
            $"\"{s.Name}\" has C size {a} on {ctx.SourceName}, {b} on {ctx.DestinationName}",
            "-dump-vmstate prints the host sizeof, not the wire size (e.g. a QEMUTimer held by value is sent as 8 bytes); compare stream vmdescs to decide");
    }

    // A dump against a vmdesc: only integer types let the C size stand for the wire size.
    private void CompareMixed(GatedField s, GatedField d)
    {
        var wire = s.Field.SizeKind == FieldSizeKind.Wire ? s.Field : d.Field;
        var host = s.Field.SizeKind == FieldSizeKind.Host ? s.Field : d.Field;
        if (WireTypes.FixedWidth(wire.Type) is not int width || host.Size == width) return;
        ctx.Finding(FindingCodes.FieldSizeMismatch, Severity(s, d), scope, s.Path,
            $"\"{s.Name}\" is sent as {wire.Type} ({width} bytes) by one side; the other side's C field is {host.Size} bytes",
            FieldLayoutRule.Citation);
    }

    private FindingSeverity Severity(GatedField s, GatedField d) =>
        s.Presence == FieldPresence.IfTest || d.Presence == FieldPresence.IfTest ? FindingSeverity.BreaksIfSent : scope.Breaking;

    private string EqualNote(string? destinationType) =>
        WireTypes.IsEquality(destinationType) ? $"; {ctx.DestinationName} now checks the value equals its own" : "";
}
