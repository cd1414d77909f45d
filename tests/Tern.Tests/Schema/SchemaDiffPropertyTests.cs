using CsCheck;
using Tern.Schema;
using Tern.Schema.Diff;
using static Tern.Tests.Schema.SchemaBuilder;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

/// <summary>Properties of the diff on random schemas; the expected verdicts are the load rules of spec §9.</summary>
public sealed class SchemaDiffPropertyTests
{
    [Fact]
    public void A_dump_compared_with_itself_has_no_finding_and_nothing_undecided()
    {
        SchemaGenerators.Dump().Sample(d =>
        {
            var r = SchemaDiff.Compare(d, d);
            Assert.Empty(r.Findings);
            Assert.Empty(r.Undecided);
        }, iter: 300);
    }

    [Fact]
    public void A_stream_compared_with_itself_has_no_finding_and_nothing_undecided()
    {
        SchemaGenerators.Stream().Sample(s =>
        {
            var r = SchemaDiff.Compare(s, s);
            Assert.Empty(r.Findings);
            Assert.Empty(r.Undecided);
        }, iter: 300);
    }

    [Fact]
    public void A_section_version_bump_breaks_backward_only()
    {
        // Given any dump and the same dump with one section's version raised by one (minimum unchanged)
        Gen.Select(SchemaGenerators.Dump(), Gen.Int[0, 3]).Sample((old, pick) =>
        {
            var i = pick % old.Sections.Count;
            var bumped = old.Sections[i].Vmsd! with { VersionId = old.Sections[i].VersionId + 1 };
            var @new = Replace(old, i, bumped);

            // When diffed
            var r = SchemaDiff.Compare(old, @new);

            // Then OLD's stream loads on NEW (its version is within [min, version]); NEW's is too new for OLD
            Assert.Empty(r.Breaking(MigrationDirection.Forward));
            var f = Assert.Single(r.Breaking(MigrationDirection.Backward));
            Assert.Equal(FindingCodes.SectionVersionTooNew, f.Code);
            Assert.Equal(old.Sections[i].Key, f.Section);
        }, iter: 200);
    }

    [Fact]
    public void A_new_unversioned_field_breaks_both_ways_where_it_was_added()
    {
        // Given any dump and the same dump with an unversioned field appended to one section
        Gen.Select(SchemaGenerators.Dump(), Gen.Int[0, 3], Gen.Int[0, 3]).Sample((old, pick, w) =>
        {
            var i = pick % old.Sections.Count;
            var vmsd = old.Sections[i].Vmsd!;
            var grown = vmsd with { Fields = [.. vmsd.Fields, F("added", 1L << w)] };
            var @new = Replace(old, i, grown);

            // When diffed
            var r = SchemaDiff.Compare(old, @new);

            // Then NEW reads bytes OLD never sends, and OLD cannot read what NEW sends
            var path = $"{vmsd.Name}.added";
            Assert.Contains(r.Breaking(MigrationDirection.Forward), f => f.Code == FindingCodes.FieldAdded && f.Path == path);
            Assert.Contains(r.Breaking(MigrationDirection.Backward), f => f.Code == FindingCodes.FieldRemoved && f.Path == path);
        }, iter: 200);
    }

    [Fact]
    public void A_new_field_with_a_version_bump_is_fine_forward_and_too_new_backward()
    {
        Gen.Select(SchemaGenerators.Dump(), Gen.Int[0, 3]).Sample((old, pick) =>
        {
            var i = pick % old.Sections.Count;
            var vmsd = old.Sections[i].Vmsd!;
            var next = vmsd.VersionId + 1;
            var grown = vmsd with { VersionId = next, Fields = [.. vmsd.Fields, F("added", 4, version: next)] };
            var r = SchemaDiff.Compare(old, Replace(old, i, grown));
            Assert.Empty(r.Breaking(MigrationDirection.Forward));
            Assert.Equal(FindingCodes.SectionVersionTooNew, Assert.Single(r.Breaking(MigrationDirection.Backward)).Code);
        }, iter: 200);
    }

    [Fact]
    public void A_new_subsection_is_harmless_forward_and_breaks_backward_only_if_sent()
    {
        Gen.Select(SchemaGenerators.Dump(), Gen.Int[0, 3]).Sample((old, pick) =>
        {
            // Given one section gains a subsection
            var i = pick % old.Sections.Count;
            var vmsd = old.Sections[i].Vmsd!;
            var name = vmsd.Name + "/added";
            var grown = vmsd with { Subsections = [.. vmsd.Subsections, V(name, 1, 1, F("x"))] };

            // When diffed
            var r = SchemaDiff.Compare(old, Replace(old, i, grown));

            // Then forward only notes it; backward breaks if NEW's needed() sends it
            Assert.Empty(r.Breaking(MigrationDirection.Forward));
            Assert.Contains(r.In(MigrationDirection.Forward), f => f.Code == FindingCodes.SubsectionOnlyInDestination && f.Severity == FindingSeverity.Harmless);
            Assert.Empty(r.Breaking(MigrationDirection.Backward));
            var b = Assert.Single(r.In(MigrationDirection.Backward), f => f.Code == FindingCodes.SubsectionMissing);
            Assert.Equal(FindingSeverity.BreaksIfSent, b.Severity);
            Assert.Equal(name, b.Path);
        }, iter: 200);
    }

    [Fact]
    public void A_subsection_a_stream_sent_at_a_higher_version_breaks_for_certain()
    {
        // Given a stream-shaped schema where one section sent a subsection, and the other side's at a lower version
        Gen.Select(SchemaGenerators.Stream(), Gen.Int[0, 3]).Sample((old, pick) =>
        {
            var i = pick % old.Sections.Count;
            var vmsd = old.Sections[i].Vmsd!;
            var sub = V(vmsd.Name + "/sent", 1, null, W("x"));
            var withSub = vmsd with { Subsections = [.. vmsd.Subsections, sub] };
            var bumped = vmsd with { Subsections = [.. vmsd.Subsections, sub with { VersionId = 2 }] };
            var a = Replace(old, i, withSub);
            var b = Replace(old, i, bumped);

            // When diffed, then NEW → OLD breaks: it was sent (spec §9, "too new for a subsection")
            var r = SchemaDiff.Compare(a, b);
            var f = Assert.Single(r.Breaking(MigrationDirection.Backward));
            Assert.Equal(FindingCodes.SubsectionVersionTooNew, f.Code);
            Assert.Empty(r.Breaking(MigrationDirection.Forward));
        }, iter: 200);
    }

    private static VmstateSchema Replace(VmstateSchema schema, int index, Vmsd vmsd)
    {
        var sections = schema.Sections.ToList();
        var s = sections[index];
        sections[index] = s with { Vmsd = vmsd, VersionId = vmsd.VersionId, MinimumVersionId = s.MinimumVersionId is null ? null : vmsd.MinimumVersionId };
        return new VmstateSchema(schema.Origin, schema.Source, schema.InputKind, schema.Facts, schema.MachineType, sections);
    }
}
