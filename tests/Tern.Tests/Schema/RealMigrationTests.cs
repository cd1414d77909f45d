using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Tests.Schema;

/// <summary>
/// The diff of real consecutive QEMU versions, checked against what real QEMU did when those versions migrated
/// (tests/fixtures/outcomes.jsonl). Expected sections, versions and messages are read from the outcomes at test time.
/// </summary>
public sealed class RealMigrationTests
{
    /// <summary>
    /// Hops that real QEMU refused at the schema level (a version or an unknown section or subsection, or a count
    /// bound), with the two real streams whose vmdescs describe the sender and the receiver.
    /// </summary>
    /// <remarks>Columns: OLD stream, NEW stream, the outcome case and hop, the diff direction that hop is.</remarks>
    public static TheoryData<string, string, string, string, MigrationDirection> SchemaRefusals() => new()
    {
        // 7.2 → 5.2, pseries-5.2: savevm: unsupported version 3 for 'spapr_iommu' v2
        { "x-5.2-to-7.2-pseries-5.2", "x-5.2-to-7.2-pseries-5.2.back", "x-5.2-to-7.2-pseries-5.2", "back", MigrationDirection.Backward },
        { "x-5.2-to-7.2-pseries-5.2", "x-5.2-to-7.2-pseries-5.2.back", "x-7.2-to-5.2-pseries-5.2", "forward", MigrationDirection.Backward },
        // 10.0.x → 7.2, pseries-7.2: cpu/slb: incoming version_id 2 is too new for local version_id 1
        { "same-7.2-pseries", "x-10.0.2-to-7.2-pseries-7.2", "x-10.0.2-to-7.2-pseries-7.2", "forward", MigrationDirection.Backward },
        { "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20.back", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "back", MigrationDirection.Backward },
        // 7.2 → 10.0.2, power9_v2.0 (7.2's default for pseries-7.2): Unknown savevm section or instance 'icp/server' 0
        { "same-7.2-pseries", "x-10.0.2-to-7.2-pseries-7.2", "x-7.2-to-10.0.2-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
        // 10.0.13 → 10.0.2, pseries-10.0: Unknown savevm section or instance 'icp/server' 0
        { "same-10.0.2-pseries", "x-10.0.13-to-10.0.2-pseries-10.0", "x-10.0.13-to-10.0.2-pseries-10.0", "forward", MigrationDirection.Backward },
        { "same-10.0.2-pseries", "same-10.0.13-pseries", "x-10.0.2-to-10.0.13-pseries-10.0", "back", MigrationDirection.Backward },
        // ARM cpreg counts: Invalid value N expecting positive value <= M (VMSTATE_INT32_POSITIVE_LE)
        { "same-5.2-virt-max", "same-7.2-virt-max", "x-7.2-to-5.2-virt-5.2-max", "forward", MigrationDirection.Backward },
        { "same-7.2-virt-a57", "same-10.0.2-virt-a57", "x-10.0.2-to-7.2-virt-7.2-a57", "forward", MigrationDirection.Backward },
        { "same-5.2-virt-a57", "same-10.0.2-virt-a57", "x-10.0.2-to-5.2-virt-5.2-a57", "forward", MigrationDirection.Backward },
        { "same-5.2-virt-max", "same-10.0.2-virt-max", "x-10.0.2-to-5.2-virt-5.2-max", "forward", MigrationDirection.Backward },
        { "same-7.2-virt-max", "same-10.0.13-virt-max", "x-10.0.13-to-7.2-virt-7.2-max", "forward", MigrationDirection.Backward },
        { "same-7.2-virt-a57", "same-10.0.13-virt-a57", "x-10.0.13-to-7.2-virt-7.2-a57", "forward", MigrationDirection.Backward },
        { "x-10.0.2-to-10.0.13-virt-10.0-a57", "x-10.0.13-to-10.0.2-virt-10.0-a57", "x-10.0.13-to-10.0.2-virt-10.0-a57", "forward", MigrationDirection.Backward },
        { "same-10.0.2-virt-max", "same-10.0.13-virt-max", "x-10.0.13-to-10.0.2-virt-10.0-max", "forward", MigrationDirection.Backward },
    };

    [Theory]
    [MemberData(nameof(SchemaRefusals))]
    public void What_real_QEMU_refused_for_a_version_or_an_unknown_section_is_a_breaking_finding_with_QEMUs_message(
        string oldStream, string newStream, string caseName, string hop, MigrationDirection direction)
    {
        // Given the two real streams and what real QEMU printed when that hop failed
        var outcome = SchemaFixtures.Hop(caseName, hop);
        Assert.False(outcome.Succeeded);
        var error = outcome.FirstError!;

        // When the streams' schemas are diffed
        var result = SchemaDiff.Compare(SchemaFixtures.Stream(oldStream), SchemaFixtures.Stream(newStream));

        // Then a breaking finding of that direction carries QEMU's own first error line
        var breaking = result.Breaking(direction).ToList();
        Assert.Contains(breaking, f => f.QemuError is { } q && (q == error || q.StartsWith(error, StringComparison.Ordinal)
                                                                || ("savevm: " + error) == q || q.Contains(error, StringComparison.Ordinal)));
    }

    /// <summary>Hops that real QEMU completed, with the streams of the sender and the receiver's version (same machine type family).</summary>
    public static TheoryData<string, string, string, string, MigrationDirection> Successes() => new()
    {
        { "x-5.2-to-7.2-pseries-5.2", "x-5.2-to-7.2-pseries-5.2.back", "x-5.2-to-7.2-pseries-5.2", "forward", MigrationDirection.Forward },
        { "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20.back", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
        { "same-10.0.2-pseries", "same-10.0.13-pseries", "f-10.0.2-to-10.0.13-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
    };

    [Theory]
    [MemberData(nameof(Successes))]
    public void A_hop_that_real_QEMU_completed_has_no_breaking_finding(string oldStream, string newStream, string caseName, string hop, MigrationDirection direction)
    {
        // Given a hop real QEMU completed
        Assert.True(SchemaFixtures.Hop(caseName, hop).Succeeded);

        // When the sender's and receiver's stream schemas are diffed
        var result = SchemaDiff.Compare(SchemaFixtures.Stream(oldStream), SchemaFixtures.Stream(newStream));

        // Then that direction has no breaking finding
        Assert.Empty(result.Breaking(direction));
    }

    /// <summary>
    /// Consecutive real dumps, and the hops of their versions: for a hop that failed, the sections sent before the
    /// failing one loaded; for a hop that succeeded, all of them did. None of those may have a breaking finding.
    /// </summary>
    public static TheoryData<string, string, string, string, string, MigrationDirection> DumpPairs() => new()
    {
        // OLD dump, NEW dump, stream of the sender (for section order), case, hop, direction
        { "qemu-7.2-pseries-7.2", "qemu-10.0.2-pseries-7.2", "same-7.2-pseries", "x-7.2-to-10.0.2-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
        { "qemu-7.2-pseries-7.2", "qemu-10.0.2-pseries-7.2", "x-10.0.2-to-7.2-pseries-7.2", "x-10.0.2-to-7.2-pseries-7.2", "forward", MigrationDirection.Backward },
        { "qemu-7.2-pseries-7.2", "qemu-10.0.13-pseries-7.2", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
        { "qemu-7.2-pseries-7.2", "qemu-10.0.13-pseries-7.2", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20.back", "f-7.2-to-10.0.13-pseries-7.2-cpu9v20", "back", MigrationDirection.Backward },
        { "qemu-10.0.2-pseries-10.0", "qemu-10.0.13-pseries-10.0", "same-10.0.2-pseries", "f-10.0.2-to-10.0.13-pseries-7.2-cpu9v20", "forward", MigrationDirection.Forward },
        { "qemu-10.0.2-pseries-10.0", "qemu-10.0.13-pseries-10.0", "x-10.0.13-to-10.0.2-pseries-10.0", "x-10.0.13-to-10.0.2-pseries-10.0", "forward", MigrationDirection.Backward },
        { "qemu-5.2-virt-5.2", "qemu-7.2-virt-5.2", "same-5.2-virt-max", "x-5.2-to-7.2-virt-5.2-max", "forward", MigrationDirection.Forward },
        { "qemu-5.2-virt-5.2", "qemu-7.2-virt-5.2", "same-7.2-virt-max", "x-7.2-to-5.2-virt-5.2-max", "forward", MigrationDirection.Backward },
        { "qemu-7.2-virt-7.2", "qemu-10.0.2-virt-7.2", "same-7.2-virt-a57", "x-7.2-to-10.0.2-virt-7.2-max", "forward", MigrationDirection.Forward },
        { "qemu-7.2-virt-7.2", "qemu-10.0.2-virt-7.2", "same-10.0.2-virt-a57", "x-10.0.2-to-7.2-virt-7.2-a57", "forward", MigrationDirection.Backward },
        { "qemu-10.0.2-virt-10.0", "qemu-10.0.13-virt-10.0", "x-10.0.2-to-10.0.13-virt-10.0-a57", "x-10.0.2-to-10.0.13-virt-10.0-a57", "forward", MigrationDirection.Forward },
        { "qemu-10.0.2-virt-10.0", "qemu-10.0.13-virt-10.0", "x-10.0.13-to-10.0.2-virt-10.0-a57", "x-10.0.13-to-10.0.2-virt-10.0-a57", "forward", MigrationDirection.Backward },
    };

    [Theory]
    [MemberData(nameof(DumpPairs))]
    public void Consecutive_real_dumps_have_no_breaking_finding_for_a_section_real_QEMU_loaded(
        string oldDump, string newDump, string senderStream, string caseName, string hop, MigrationDirection direction)
    {
        // Given the sections real QEMU loaded on that hop: all, or those sent before the one it refused
        var outcome = SchemaFixtures.Hop(caseName, hop);
        var sent = SchemaFixtures.Stream(senderStream).Sections.ToList();
        var loaded = outcome.Succeeded ? sent : sent.TakeWhile(s => !outcome.Errors.Any(e => Names(e, s))).ToList();
        var loadedVmsds = loaded.Select(s => s.VmsdName).ToHashSet();

        // When the two dumps are diffed
        var old = SchemaFixtures.Dump(oldDump);
        var @new = SchemaFixtures.Dump(newDump);
        var result = SchemaDiff.Compare(old, @new);

        // Then no breaking finding of that direction is about a VMSD of those sections
        var sender = direction == MigrationDirection.Forward ? old : @new;
        var offending = result.Breaking(direction)
            .Where(f => sender.FindSection(f.Section)?.VmsdName is { } v && loadedVmsds.Contains(v))
            .ToList();
        Assert.Empty(offending);
        Assert.Contains(loadedVmsds, v => sender.FindSectionsByVmsdName(v).Count > 0);
    }

    // QEMU names a failing section by idstr ("device 'cpu'", "'icp/server'", "for 'spapr_iommu'") or a subsection by name.
    private static bool Names(string error, SchemaSection s) =>
        error.Contains($"'{s.Key}'", StringComparison.Ordinal) || error.StartsWith(s.VmsdName + "/", StringComparison.Ordinal);

    [Fact]
    public void The_sections_real_QEMU_refused_are_absent_from_dumps_so_streams_are_needed_to_see_them()
    {
        // Given the sections named by the schema-level refusals: spapr_iommu, cpu (cpu/slb) and icp/server
        string[] refused = ["spapr_iommu", "cpu", "icp/server"];

        // Then no pseries dump contains them (spec §14.1: vmstate_register() VMSDs are not dumped)
        foreach (var dump in new[] { "qemu-7.2-pseries-7.2", "qemu-10.0.2-pseries-7.2", "qemu-10.0.13-pseries-10.0" })
            Assert.All(refused, v => Assert.Null(SchemaFixtures.Dump(dump).FindVmsd(v)));
    }

    [Fact]
    public void The_5_2_vmdesc_stand_in_against_the_7_2_dump_finds_nothing_breaking_forward_as_real_QEMU_migrated()
    {
        // Given 5.2 → 7.2 with pseries-5.2 succeeded (outcomes.jsonl), and the 5.2 pseries dump is truncated
        Assert.True(SchemaFixtures.Hop("x-5.2-to-7.2-pseries-5.2").Succeeded);

        // When the 5.2 stream's vmdesc is diffed against the 7.2 pseries-5.2 dump (matched by VMSD name)
        var result = SchemaDiff.Compare(SchemaFixtures.Load("vmstate/stream-vmdesc-same-5.2-pseries.json.gz"), SchemaFixtures.Dump("qemu-7.2-pseries-5.2"));

        // Then forward has no breaking finding, and the sections dumps lack are listed as not compared
        Assert.Empty(result.Breaking(MigrationDirection.Forward));
        Assert.Contains(result.Uncompared, u => u.Section == "spapr_iommu" && u.Direction == MigrationDirection.Forward);
    }

    [Fact]
    public void ARM_cpreg_lists_that_grow_are_shown_as_undecided_forward_because_the_failure_is_in_their_values()
    {
        // Given 7.2 → 10.0.2 cortex-a57 failed at 'cpu' with EPERM from cpu_post_load (an incoming register unknown
        // locally, spec compat-rules §4.2): a value-level check, not a schema difference
        var outcome = SchemaFixtures.Hop("x-7.2-to-10.0.2-virt-7.2-a57-unix");
        Assert.Contains("error while loading state for instance 0x0 of device 'cpu'", outcome.FirstError);

        // When the two versions' streams are diffed
        var result = SchemaDiff.Compare(SchemaFixtures.Stream("same-7.2-virt-a57"), SchemaFixtures.Stream("same-10.0.2-virt-a57"));

        // Then the forward difference in the cpreg arrays is shown, but not claimed as breaking
        Assert.Contains(result.Undecided, u => u.Direction == MigrationDirection.Forward && u.Section == "cpu" && u.Code == FindingCodes.ArrayLengthMismatch);
        Assert.DoesNotContain(result.Breaking(MigrationDirection.Forward), f => f.Section == "cpu");
    }

    [Fact]
    public void The_same_stream_against_itself_has_no_finding_at_all()
    {
        // Given a real stream, when compared with itself, then there is nothing to report
        var s = SchemaFixtures.Stream("same-10.0.13-pseries");
        var result = SchemaDiff.Compare(s, s);
        Assert.Empty(result.Findings);
        Assert.Empty(result.Undecided);
    }
}
