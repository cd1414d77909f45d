using Tern.Rules;
using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// Lines up the fields a sender writes with the fields the receiver reads, in order (the wire has no field names,
/// spec §7), and reports every place where the bytes would be read differently. Beyond vmstate-static-checker.py it
/// also reports fields only the receiver reads (anywhere, including at the end), resynchronises after a single
/// added or removed field instead of giving up, honours field tests, and uses rename rules from data.
/// </summary>
internal sealed class FieldWalk(DiffContext ctx, VmsdComparer comparer, BodyScope scope)
{
    private const int Lookahead = 16;
    private FieldCursor _src = null!;
    private FieldCursor _dst = null!;
    private GatedField? _boundSource;
    private GatedField? _boundDestination;
    private (long Source, long Destination)? _boundCounts;

    public void Run(List<GatedField> source, List<GatedField> sourceExcluded, List<GatedField> destination, List<GatedField> destinationExcluded)
    {
        _src = new FieldCursor(source, sourceExcluded, f => comparer.StructWithoutCounterpart(f, scope));
        _dst = new FieldCursor(destination, destinationExcluded);
        while (true)
        {
            var s = _src.Peek();
            var d = _dst.Peek();
            if (s is null && d is null) return;
            if (s is null)
            {
                OnlyInDestination(d!);
                _dst.Advance();
                continue;
            }
            if (d is null)
            {
                OnlyInSource(s);
                _src.Advance();
                continue;
            }
            if (Step(s, d)) continue;
            return;
        }
    }

    // One decision at a mismatch or match; false stops the walk (the rest of the body cannot be lined up).
    private bool Step(GatedField s, GatedField d)
    {
        if (Layout(s, d)) return true;
        if ((s.Field.IsUnused || d.Field.IsUnused) && !SameTotal(s, d)) return Unused(s, d);
        if (Match(s, d, out var rule))
        {
            Matched(s, d, rule);
            _src.Advance();
            _dst.Advance();
            return true;
        }
        if (Descend(s, d)) return true;
        if (s.Field.IsUnused || d.Field.IsUnused) return Unused(s, d);
        if (Resync(s, d)) return true;
        if (s.Presence != FieldPresence.Always || MaybeAbsentFromDestinationStream(s))
        {
            OnlyInSource(s);
            _src.Advance();
            return true;
        }
        if (d.Presence != FieldPresence.Always || MaybeAbsentFromSourceStream(d))
        {
            OnlyInDestination(d);
            _dst.Advance();
            return true;
        }
        ctx.Finding(FindingCodes.FieldMismatch, scope.Breaking, scope, s.Path,
            $"{ctx.SourceName} sends field \"{s.Name}\" where {ctx.DestinationName} reads \"{d.Name}\"; the rest of {s.Owner.Name} is not compared",
            FieldLayoutRule.Citation);
        return false;
    }

    private bool Match(GatedField s, GatedField d, out RenameRule? rule)
    {
        rule = null;
        if (FieldNames.Same(s.Name, d.Name)) return true;
        rule = ctx.Rules.FindField(s.Owner.Name, s.Name, d.Name) ?? ctx.Rules.FindField(d.Owner.Name, s.Name, d.Name);
        return rule is not null;
    }

    private void Matched(GatedField s, GatedField d, RenameRule? rule)
    {
        if (rule is not null)
            ctx.Finding(FindingCodes.FieldRenamed, FindingSeverity.Harmless, scope, s.Path,
                $"field \"{s.Name}\" is \"{d.Name}\" on {ctx.DestinationName}", LoadSemantics.Rename, renameRule: rule.Id);
        if (s.Field.IsStruct != d.Field.IsStruct)
        {
            StructMismatch(s, d);
            return;
        }
        new MatchedFieldCheck(ctx, scope).Compare(s, d, this);
        if (s.Field.IsStruct) comparer.CompareStruct(s, d, scope);
    }

    /// <summary>Applies the count-bound rules when a bound field precedes arrays (both sides are streams); true when the counts are explained.</summary>
    internal bool ExplainCounts(GatedField s, GatedField d, long sCount, long dCount)
    {
        if (_boundSource is null || _boundDestination is null) return false;
        if (_boundCounts == (sCount, dCount)) return true;
        _boundCounts = (sCount, dCount);
        var type = _boundSource.Field.Type;
        var bound = _boundSource.Owner.Name + ":" + _boundSource.Name;
        if (WireTypes.IsUpperBound(type) && WireTypes.IsUpperBound(_boundDestination.Field.Type))
        {
            if (!FieldBoundRule.Accepts(sCount, dCount))
                ctx.Finding(FindingCodes.BoundExceeded, scope.Breaking, scope, _boundSource.Path,
                    $"{ctx.SourceName} sends {sCount} elements of {s.Name} (the value of {_boundSource.Name}); {ctx.DestinationName} accepts at most {dCount}",
                    FieldBoundRule.Citation, $"{FieldBoundRule.Message(sCount, dCount)}, then Failed to load {bound}");
            else
                ctx.Undecided(FindingCodes.ArrayLengthMismatch, scope, s.Path,
                    $"{ctx.SourceName} sends {sCount} elements of {s.Name}, {ctx.DestinationName} has {dCount}: within the bound of {_boundSource.Name}",
                    "whether the destination accepts each element is device-specific (for an ARM cpu, every incoming cpreg must exist on the destination: spec compat-rules §4.2)");
            return true;
        }
        if (WireTypes.IsEquality(type) && WireTypes.IsEquality(_boundDestination.Field.Type))
        {
            ctx.Finding(FindingCodes.EqualFieldMismatch, scope.Breaking, scope, _boundSource.Path,
                $"{_boundSource.Name} governs {s.Name}: {ctx.SourceName} sends {sCount}, {ctx.DestinationName} requires its own {dCount}",
                FieldEqualRule.Citation, $"{FieldEqualRule.Message((ulong)dCount, (ulong)sCount)}, then Failed to load {bound}"); // get_*_equal prints its own value first
            return true;
        }
        return false;
    }

    /// <summary>Remembers a just-matched count field (<c>int32 le</c>, <c>* equal</c>) so that the arrays after it are judged by its load rule.</summary>
    internal void NoteBound(GatedField s, GatedField d)
    {
        var isBound = ctx.BothStreams && (WireTypes.IsUpperBound(s.Field.Type) || WireTypes.IsEquality(s.Field.Type));
        if (isBound)
        {
            _boundSource = s;
            _boundDestination = d;
            _boundCounts = null;
        }
        else if (s.Field.ArrayLength is null)
        {
            _boundSource = _boundDestination = null;
            _boundCounts = null;
        }
    }

    private void StructMismatch(GatedField s, GatedField d)
    {
        var structSide = s.Field.IsStruct ? s : d;
        var plainSide = s.Field.IsStruct ? d : s;
        var child = structSide.Field.Struct!;
        if (child.Fields.Count == 1 && !child.Fields[0].IsStruct && child.Subsections.Count == 0
            && child.Fields[0].Size == plainSide.Field.Size && child.Fields[0].SizeKind == plainSide.Field.SizeKind)
        {
            ctx.Finding(FindingCodes.FieldsMovedIntoStruct, FindingSeverity.Harmless, scope, s.Path,
                $"\"{plainSide.Name}\" and the single field of struct \"{structSide.Name}\" ({child.Name}) have the same size; the wire is unchanged",
                LoadSemantics.StructVersion);
            return;
        }
        ctx.Finding(FindingCodes.FieldStructMismatch, Severity(s, d), scope, s.Path,
            s.Field.IsStruct
                ? $"{ctx.SourceName} sends \"{s.Name}\" as a struct ({child.Name}); {ctx.DestinationName} reads a plain field"
                : $"{ctx.SourceName} sends \"{s.Name}\" as a plain field; {ctx.DestinationName} reads a struct ({child.Name})",
            FieldLayoutRule.Citation);
    }

    // Fields regrouped with the same total size, as a layout rule (data) says.
    private bool Layout(GatedField s, GatedField d)
    {
        foreach (var rule in ctx.Rules.Layouts(s.Owner.Name))
        {
            if (TryLayout(rule.Old, rule.New, s, d, rule) || TryLayout(rule.New, rule.Old, s, d, rule)) return true;
        }
        return false;
    }

    private bool TryLayout(IReadOnlyList<string> sNames, IReadOnlyList<string> dNames, GatedField s, GatedField d, RenameRule rule)
    {
        var sGroup = Group(s, _src, sNames);
        var dGroup = Group(d, _dst, dNames);
        if (sGroup is null || dGroup is null) return false;
        var sTotal = Total(sGroup, ctx.Source);
        var dTotal = Total(dGroup, ctx.Destination);
        if (sTotal is null || dTotal is null || sTotal != dTotal) return false;
        foreach (var _ in sGroup) _src.Advance();
        foreach (var _ in dGroup) _dst.Advance();
        ctx.Finding(FindingCodes.LayoutRegrouped, FindingSeverity.Harmless, scope, s.Path,
            $"{string.Join(" + ", sGroup.Select(f => f.Name))} ({sTotal} bytes) is {string.Join(" + ", dGroup.Select(f => f.Name))} ({dTotal} bytes) on {ctx.DestinationName}",
            LoadSemantics.Rename, renameRule: rule.Id);
        return true;
    }

    private static List<GatedField>? Group(GatedField first, FieldCursor cursor, IReadOnlyList<string> names)
    {
        var group = new List<GatedField> { first };
        group.AddRange(cursor.Ahead(names.Count - 1));
        if (group.Count != names.Count) return null;
        for (var i = 0; i < names.Count; i++)
            if (!FieldNames.Same(group[i].Name, names[i])) return null;
        return group;
    }

    private static long? Total(List<GatedField> fields, VmstateSchema side)
    {
        long total = 0;
        foreach (var f in fields)
        {
            total += f.TotalBytes(side);
        }
        return total;
    }

    // Fields moved into (or out of) a substruct: step into the struct when its first field lines up.
    private bool Descend(GatedField s, GatedField d)
    {
        if (d.Field.Struct is { } dStruct && FirstPresent(dStruct, ctx.Destination, d.Path) is { } dChildren
            && dChildren.Items.Count > 0 && Match(s, dChildren.Items[0], out _))
        {
            Moved(s, $"{ctx.DestinationName} holds \"{s.Name}\" and what follows inside struct \"{d.Name}\" ({dStruct.Name})");
            _dst.Descend(d, dChildren.Items, dChildren.Excluded);
            return true;
        }
        if (s.Field.Struct is { } sStruct && FirstPresent(sStruct, ctx.Source, s.Path) is { } sChildren
            && sChildren.Items.Count > 0 && Match(sChildren.Items[0], d, out _))
        {
            Moved(s, $"{ctx.SourceName} holds \"{d.Name}\" and what follows inside struct \"{s.Name}\" ({sStruct.Name})");
            _src.Descend(s, sChildren.Items, sChildren.Excluded);
            return true;
        }
        return false;
    }

    private void Moved(GatedField s, string what) =>
        ctx.Finding(FindingCodes.FieldsMovedIntoStruct, FindingSeverity.Harmless, scope, s.Path,
            $"{what}; a struct adds nothing to the wire, so the fields are compared one by one", LoadSemantics.StructVersion);

    private static (List<GatedField> Items, List<GatedField> Excluded)? FirstPresent(Vmsd child, VmstateSchema side, string path)
    {
        var excluded = new List<GatedField>();
        var items = FieldGate.Present(child, side, child.VersionId, path, excluded);
        return (items, excluded);
    }

    // VMSTATE_UNUSED padding against fields of the same total size (the checker's arithmetic, in bytes). The fields
    // the padding stands for end where both sides line up again by name; a dump made before QEMU 8.1 does not give
    // array lengths, so the padding's size is then only checked for being a whole number of elements.
    private bool Unused(GatedField s, GatedField d)
    {
        var sourceIsPad = s.Field.IsUnused;
        var pad = sourceIsPad ? s : d;
        var padSide = sourceIsPad ? ctx.Source : ctx.Destination;
        var padCursor = sourceIsPad ? _src : _dst;
        var otherCursor = sourceIsPad ? _dst : _src;
        var otherSide = sourceIsPad ? ctx.Destination : ctx.Source;
        var target = pad.TotalBytes(padSide);
        var other = new List<GatedField> { sourceIsPad ? d : s };
        other.AddRange(otherCursor.Ahead(Lookahead));
        var afterPad = padCursor.Ahead(1).FirstOrDefault();
        var covered = Resynchronised(other, afterPad, target, otherSide) ?? ByBytes(other, target, otherSide);
        var sum = covered.Sum(f => f.TotalBytes(otherSide));
        var fits = sum == target || FitsUnknownLength(covered, target, otherSide);
        var names = string.Join(" + ", covered.Select(f => f.Name));
        if (!fits)
        {
            ctx.Finding(FindingCodes.UnusedSizeMismatch, Severity(s, d), scope, s.Path,
                $"{(sourceIsPad ? ctx.SourceName : ctx.DestinationName)} has {target} bytes of padding \"{pad.Name}\" where the other side has {names} ({sum} bytes); the rest of {s.Owner.Name} is not compared",
                LoadSemantics.Unused);
            return false;
        }
        var note = sum == target ? "" : $" (the dump gives no array length for {names}; {target} bytes is a whole number of its elements)";
        ctx.Finding(FindingCodes.FieldReplacedByUnused, FindingSeverity.Harmless, scope, s.Path,
            sourceIsPad
                ? $"{ctx.SourceName} sends {target} bytes of padding \"{pad.Name}\" where {ctx.DestinationName} reads {names}; the destination reads zeros there{note}"
                : $"{ctx.SourceName} sends {names} where {ctx.DestinationName} skips {target} bytes of padding \"{pad.Name}\"{note}",
            LoadSemantics.Unused);
        padCursor.Advance();
        foreach (var _ in covered) otherCursor.Advance();
        return true;
    }

    // The shortest run of the other side's fields after which both sides continue with the same field name.
    private List<GatedField>? Resynchronised(List<GatedField> other, GatedField? afterPad, long target, VmstateSchema otherSide)
    {
        for (var k = 1; k <= other.Count; k++)
        {
            var next = k < other.Count ? other[k] : null;
            var lined = next is null || afterPad is null
                ? next is null && afterPad is null
                : FieldNames.Same(next.Name, afterPad.Name);
            if (!lined) continue;
            var run = other.GetRange(0, k);
            if (run.Sum(f => f.TotalBytes(otherSide)) == target || FitsUnknownLength(run, target, otherSide)) return run;
        }
        return null;
    }

    private static List<GatedField> ByBytes(List<GatedField> other, long target, VmstateSchema otherSide)
    {
        var run = new List<GatedField>();
        long sum = 0;
        foreach (var f in other)
        {
            if (sum >= target) break;
            run.Add(f);
            sum += f.TotalBytes(otherSide);
        }
        return run;
    }

    // A single field whose element count the dump does not give, and whose element size divides the padding.
    private static bool FitsUnknownLength(List<GatedField> run, long target, VmstateSchema side) =>
        run.Count == 1 && !CountKnown(run[0], side) && run[0].Field.Size > 0 && target % run[0].Field.Size == 0 && target >= run[0].Field.Size;

    private static bool CountKnown(GatedField f, VmstateSchema side) =>
        side.Source == SchemaSource.StreamDescription || f.Field.ArrayLength is not null || side.Knows(SchemaFacts.FixedArrayLengths);

    private bool SameTotal(GatedField s, GatedField d) => s.TotalBytes(ctx.Source) == d.TotalBytes(ctx.Destination);

    // A single added or removed field: the other side's current field appears a little further on.
    private bool Resync(GatedField s, GatedField d)
    {
        var dSkip = IndexAhead(s, _dst, sourceIsProbe: true);
        var sSkip = IndexAhead(d, _src, sourceIsProbe: false);
        if (dSkip is null && sSkip is null) return false;
        if (dSkip is int k && (sSkip is null || k <= sSkip))
        {
            for (var i = 0; i < k; i++)
            {
                OnlyInDestination(_dst.Peek()!);
                _dst.Advance();
            }
            return true;
        }
        for (var i = 0; i < sSkip!.Value; i++)
        {
            OnlyInSource(_src.Peek()!);
            _src.Advance();
        }
        return true;
    }

    private int? IndexAhead(GatedField probe, FieldCursor other, bool sourceIsProbe)
    {
        var k = 1;
        foreach (var f in other.Ahead(Lookahead))
        {
            if (sourceIsProbe ? Match(probe, f, out _) : Match(f, probe, out _)) return k;
            k++;
        }
        return null;
    }

    // The sender writes s; the receiver has nothing to read it with at this point.
    private void OnlyInSource(GatedField s)
    {
        if (s.Field.ArrayLength == 0) return;
        if (s.Presence == FieldPresence.IfTest)
        {
            ctx.Finding(FindingCodes.FieldRemoved, FindingSeverity.BreaksIfSent, scope, s.Path,
                $"{ctx.SourceName} sends \"{s.Name}\" only when its test is true; {ctx.DestinationName} has no such field here",
                LoadSemantics.FieldExists);
            return;
        }
        if (MaybeAbsentFromDestinationStream(s))
        {
            ctx.Undecided(FindingCodes.FieldRemoved, scope, s.Path,
                $"{ctx.SourceName} sends \"{s.Name}\"; {ctx.DestinationName}'s stream has no such field here",
                "a vmdesc leaves out fields that had no elements (an empty VARRAY) or whose test was false in that run");
            return;
        }
        if (Excluded(_dst, s.Name) is { } gated)
        {
            ctx.Finding(FindingCodes.FieldVersionGate, scope.Breaking, scope, s.Path,
                $"{ctx.SourceName} sends \"{s.Name}\" at this version; {ctx.DestinationName} reads it only from version {gated.Field.VersionId}",
                LoadSemantics.FieldExists);
            return;
        }
        ctx.Finding(FindingCodes.FieldRemoved, scope.Breaking, scope, s.Path,
            $"{ctx.SourceName} sends \"{s.Name}\" ({Describe(s, ctx.Source)}); {ctx.DestinationName} does not read it: the following bytes are misread",
            FieldLayoutRule.Citation, "typically Missing section footer for '" + scope.Section.IdStr + "', or a later field's check fails");
    }

    // The receiver reads d; the sender writes nothing for it at this point.
    private void OnlyInDestination(GatedField d)
    {
        if (d.Field.ArrayLength == 0) return;
        if (d.Presence == FieldPresence.IfTest)
        {
            ctx.Finding(FindingCodes.FieldAdded, FindingSeverity.BreaksIfSent, scope, d.Path,
                $"{ctx.DestinationName} reads \"{d.Name}\" when its test is true; {ctx.SourceName} does not send it here",
                LoadSemantics.FieldExists);
            return;
        }
        if (d.Presence == FieldPresence.Unknown || MaybeAbsentFromSourceStream(d))
        {
            ctx.Undecided(FindingCodes.FieldAdded, scope, d.Path,
                $"{ctx.DestinationName} has \"{d.Name}\"; {ctx.SourceName}'s {(ctx.SourceWasSent ? "stream" : "schema")} has no such field here",
                d.Presence == FieldPresence.Unknown
                    ? "the destination's vmdesc was written at another version and has no field version gates"
                    : "a vmdesc leaves out fields that had no elements (an empty VARRAY)");
            return;
        }
        if (Excluded(_src, d.Name) is { } gated)
        {
            ctx.Finding(FindingCodes.FieldVersionGate, scope.Breaking, scope, d.Path,
                $"{ctx.DestinationName} reads \"{d.Name}\" at this version; {ctx.SourceName} sends it only from version {gated.Field.VersionId}",
                LoadSemantics.FieldExists);
            return;
        }
        ctx.Finding(FindingCodes.FieldAdded, scope.Breaking, scope, d.Path,
            $"{ctx.DestinationName} reads \"{d.Name}\" ({Describe(d, ctx.Destination)}), which {ctx.SourceName} does not send: the destination consumes bytes meant for what follows",
            FieldLayoutRule.Citation, "typically Missing section footer for '" + scope.Section.IdStr + "', or a later field's check fails");
    }

    // The receiver is a stream: its vmdesc leaves out fields that had no elements (an empty VARRAY) or a false test
    // in its own run, so a sender's field missing from it may still be known to the receiver.
    private bool MaybeAbsentFromDestinationStream(GatedField s)
    {
        if (ctx.Destination.Source != SchemaSource.StreamDescription) return false;
        return !ctx.SourceWasSent || s.Field.ArrayLength is not null;
    }

    // The sender is a stream: a receiver's field that may be an empty VARRAY there would have no vmdesc entry.
    private bool MaybeAbsentFromSourceStream(GatedField d)
    {
        if (!ctx.SourceWasSent) return false;
        return ctx.Destination.Source == SchemaSource.StreamDescription
            ? d.Field.ArrayLength is not null
            : d.Field.ArrayLength is null && !d.Field.IsUnused;
    }

    private static GatedField? Excluded(FieldCursor cursor, string name)
    {
        foreach (var f in cursor.Excluded)
            if (FieldNames.Same(f.Name, name)) return f;
        return null;
    }

    private FindingSeverity Severity(GatedField s, GatedField d) =>
        s.Presence == FieldPresence.IfTest || d.Presence == FieldPresence.IfTest ? FindingSeverity.BreaksIfSent : scope.Breaking;

    private static string Describe(GatedField f, VmstateSchema side)
    {
        var kind = f.Field.Type ?? (f.Field.IsStruct ? "struct" : "field");
        var count = f.ElementCount(side) is long n && n != 1 ? $" × {n}" : "";
        var unit = f.Field.SizeKind == FieldSizeKind.Wire ? "bytes" : "bytes in C";
        return $"{kind}, {f.Field.Size} {unit}{count}";
    }
}
