using Tern.Schema;
using Tern.Schema.Diff;
using static Tern.Tests.Schema.SchemaBuilder;
using Tern.Vmstate;

namespace Tern.Tests.Schema;

/// <summary>
/// Every check vmstate-static-checker.py makes (spec §14.2), on hand-made dumps, with the verdict QEMU's load rules
/// give (spec §7–9). Forward = OLD → NEW, the checker's <c>-s OLD -d NEW</c>; backward is its <c>--reverse</c>.
/// </summary>
public sealed class CheckerParityTests
{
    private static Vmsd Dev(int version = 1, int min = 1, params VmsdField[] fields) =>
        V("dev", version, min, fields.Length > 0 ? fields : [F("a"), F("b")]);

    [Fact]
    public void A_device_class_missing_on_the_destination_breaks_only_a_VM_that_has_it()
    {
        // Given OLD has class "fw_cfg" and NEW does not (checker: Section "fw_cfg" does not exist in dest)
        var old = Dump(S("fw_cfg", V("fw_cfg", 2, 2, F("cur_entry", 2))));
        var @new = Dump();

        // When diffed
        var r = Diff(old, @new);

        // Then forward reports it, conditional on the VM having the device; backward has nothing to load
        var f = r.Single(MigrationDirection.Forward, FindingCodes.SectionMissing);
        Assert.Equal(FindingSeverity.BreaksIfSent, f.Severity);
        Assert.Equal("fw_cfg", f.Section);
        Assert.Empty(r.In(MigrationDirection.Backward));
    }

    [Fact]
    public void A_section_renamed_by_a_rule_is_the_same_section()
    {
        // Given the checker's built-in section rename "ICH9 LPC" -> "ICH9-LPC"
        var old = Dump(S("ICH9 LPC", Dev()));
        var @new = Dump(S("ICH9-LPC", Dev()));

        // When diffed
        var r = Diff(old, @new);

        // Then no section is missing and the rename names its rule
        Assert.DoesNotContain(r.Findings, f => f.Code == FindingCodes.SectionMissing);
        Assert.Equal("section:ICH9 LPC->ICH9-LPC", r.Single(MigrationDirection.Forward, FindingCodes.SectionRenamed).RenameRule);
    }

    [Fact]
    public void Different_machine_types_are_a_warning_not_a_break()
    {
        // Given the checker's test dumps' machine types, when diffed, then only a harmless warning results
        var r = Diff(DumpFor("pc-i440fx-2.1"), DumpFor("pc-i440fx-2.2"));
        var f = r.Single(MigrationDirection.Forward, FindingCodes.MachineTypeDiffers);
        Assert.Equal(FindingSeverity.Harmless, f.Severity);
        Assert.False(r.HasBreaking);
    }

    [Fact]
    public void A_section_version_above_the_destination_breaks_with_savevms_message()
    {
        // Given NEW went from version 1 to 2 (checker: Section "fusbh200-ehci-usb" version error: 2 > 1, reversed)
        var old = Dump(S("dev", Dev(1, 1)));
        var @new = Dump(S("dev", Dev(2, 1)));

        // When diffed
        var r = Diff(old, @new);

        // Then backward breaks at section level with QEMU's message, forward loads (1 is within [1, 2])
        var f = r.Single(MigrationDirection.Backward, FindingCodes.SectionVersionTooNew);
        Assert.Equal(FindingSeverity.Breaks, f.Severity);
        Assert.Equal("savevm: unsupported version 2 for 'dev' v1", f.QemuError);
        Assert.Empty(r.Breaking(MigrationDirection.Forward));
    }

    [Fact]
    public void A_top_level_minimum_version_above_the_senders_version_breaks_although_the_checker_misses_it()
    {
        // Given the spec's case: OLD sends version 1; NEW's section says minimum 2 while its Description says 1
        // (the checker prints 'Section "dev" ' and exits 0, spec §14.2 item 3)
        var old = Dump(S("dev", Dev(1, 1)));
        var @new = Dump(new SchemaSection("dev", null, 2, 2, Dev(2, 1)));

        // When diffed forward
        var r = Diff(old, @new, DiffDirections.Forward);

        // Then it is reported with QEMU's "too old" message
        var f = r.Single(MigrationDirection.Forward, FindingCodes.SectionVersionTooOld);
        Assert.Equal(FindingSeverity.Breaks, f.Severity);
        Assert.Equal("dev: incoming version_id 1 is too old for local minimum version_id  2", f.QemuError);
    }

    [Fact]
    public void A_renamed_top_level_vmsd_is_an_unknown_section()
    {
        // Given the checker's case: Description "tpci200" became "tpci2002"
        var old = Dump(S("tpci200", V("tpci200", 1, 1, F("a"))));
        var @new = Dump(S("tpci200", V("tpci2002", 1, 1, F("a"))));

        // When diffed, then both directions break: the section idstr comes from the VMSD name
        var r = Diff(old, @new);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Forward, FindingCodes.VmsdNameMismatch).Severity);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Backward, FindingCodes.VmsdNameMismatch).Severity);
    }

    [Fact]
    public void A_renamed_field_listed_in_the_rules_is_harmless()
    {
        // Given e1000's "dev" renamed "parent_obj" (a rule from the checker's changed_names)
        var old = Dump(S("e1000", V("e1000", 2, 1, F("dev", 100, child: V("PCIDevice", 2, 1, F("config", 256))), F("mac", 4))));
        var @new = Dump(S("e1000", V("e1000", 2, 1, F("parent_obj", 100, child: V("PCIDevice", 2, 1, F("config", 256))), F("mac", 4))));

        // When diffed
        var r = Diff(old, @new);

        // Then nothing breaks and the rename cites its rule
        Assert.False(r.HasBreaking);
        Assert.Equal("e1000:dev->parent_obj", r.Single(MigrationDirection.Forward, FindingCodes.FieldRenamed).RenameRule);
    }

    [Fact]
    public void A_renamed_field_without_a_rule_is_a_mismatch()
    {
        // Given the checker's case: "usbsts" where the other side has "usbsts_pending"
        var old = Dump(S("dev", Dev(1, 1, F("usbsts"), F("x"))));
        var @new = Dump(S("dev", Dev(1, 1, F("usbsts_pending"), F("x"))));

        // When diffed, then the fields cannot be lined up
        var f = Diff(old, @new).Single(MigrationDirection.Forward, FindingCodes.FieldMismatch);
        Assert.Equal(FindingSeverity.Breaks, f.Severity);
        Assert.Equal("dev.usbsts", f.Path);
    }

    [Fact]
    public void Fields_moved_into_a_new_substruct_keep_the_wire_and_are_compared_one_by_one()
    {
        // Given NEW moved a and b into struct "regs" (the checker handles this only when the first field matches)
        var old = Dump(S("dev", Dev(1, 1, F("a"), F("b"), F("c"))));
        var @new = Dump(S("dev", Dev(1, 1, F("regs", 8, child: V("dev/regs", 1, 1, F("a"), F("b"))), F("c"))));

        // When diffed
        var r = Diff(old, @new);

        // Then nothing breaks in either direction
        Assert.False(r.HasBreaking);
        Assert.Contains(r.In(MigrationDirection.Forward), f => f.Code == FindingCodes.FieldsMovedIntoStruct);
        Assert.Contains(r.In(MigrationDirection.Backward), f => f.Code == FindingCodes.FieldsMovedIntoStruct);
    }

    [Fact]
    public void A_field_replaced_by_padding_of_the_same_size_is_harmless()
    {
        // Given NEW replaced "readbuff" (4 bytes) by VMSTATE_UNUSED(4), as pl011 did
        var old = Dump(S("dev", Dev(1, 1, F("readbuff"), F("flags"))));
        var @new = Dump(S("dev", Dev(1, 1, F("unused"), F("flags"))));

        // When diffed, then both directions are fine
        var r = Diff(old, @new);
        Assert.False(r.HasBreaking);
        Assert.Equal(FindingSeverity.Harmless, r.Single(MigrationDirection.Forward, FindingCodes.FieldReplacedByUnused).Severity);
    }

    [Fact]
    public void Padding_that_does_not_add_up_breaks()
    {
        // Given 6 bytes of padding where the other side has 4 + 4
        var old = Dump(S("dev", Dev(1, 1, F("unused", 6), F("z"))));
        var @new = Dump(S("dev", Dev(1, 1, F("a"), F("b"), F("z"))));

        // When diffed, then the checker's "unused size mismatch" is a break
        var r = Diff(old, @new);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Forward, FindingCodes.UnusedSizeMismatch).Severity);
    }

    [Fact]
    public void A_sender_field_the_destination_does_not_have_breaks()
    {
        // Given the checker's case: "expected field irq_state, while dest has no further fields"
        var old = Dump(S("dev", Dev(1, 1, F("config"), F("irq_state", 16))));
        var @new = Dump(S("dev", Dev(1, 1, F("config"))));

        // When diffed forward, then the extra field breaks
        var f = Diff(old, @new).Single(MigrationDirection.Forward, FindingCodes.FieldRemoved);
        Assert.Equal(FindingSeverity.Breaks, f.Severity);
        Assert.Equal("dev.irq_state", f.Path);
    }

    [Fact]
    public void A_field_only_the_destination_reads_breaks_although_the_checker_ignores_trailing_fields()
    {
        // Given the spec's run: DEST has an extra unversioned field "b" at the end (checker exit code 0, §14.3)
        var old = Dump(S("dev", Dev(1, 1, F("a"))));
        var @new = Dump(S("dev", Dev(1, 1, F("a"), F("b"))));

        // When diffed
        var r = Diff(old, @new);

        // Then forward breaks (NEW reads bytes OLD never sent) and backward breaks (OLD cannot read b)
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Forward, FindingCodes.FieldAdded).Severity);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Backward, FindingCodes.FieldRemoved).Severity);
    }

    [Fact]
    public void A_field_added_with_a_version_bump_is_fine_forward_and_refused_backward_at_section_level()
    {
        // Given NEW bumped to version 2 and added b with VMSTATE_*_V(b, 2) (spec §9, the usual way)
        var old = Dump(S("dev", Dev(1, 1, F("a"))));
        var @new = Dump(S("dev", Dev(2, 1, F("a"), F("b", version: 2))));

        // When diffed
        var r = Diff(old, @new);

        // Then forward loads (b is skipped for a version-1 stream), backward fails on the version
        Assert.Empty(r.Breaking(MigrationDirection.Forward));
        Assert.Equal(FindingCodes.SectionVersionTooNew, Assert.Single(r.Breaking(MigrationDirection.Backward)).Code);
    }

    [Fact]
    public void A_versioned_field_added_to_a_struct_child_breaks_forward_because_children_load_at_their_local_version()
    {
        // Given NEW's struct child gained x with _V(2) (spec §14.3: the checker sees no problem)
        var old = Dump(S("dev", Dev(1, 1, F("s", 4, child: V("dev/s", 1, 1, F("a"))))));
        var @new = Dump(S("dev", Dev(1, 1, F("s", 8, child: V("dev/s", 2, 1, F("a"), F("x", version: 2))))));

        // When diffed forward
        var r = Diff(old, @new, DiffDirections.Forward);

        // Then NEW reads x, which OLD never sends
        var f = r.Single(MigrationDirection.Forward, FindingCodes.FieldAdded);
        Assert.Equal(FindingSeverity.Breaks, f.Severity);
        Assert.Equal("dev.s.x", f.Path);
    }

    [Fact]
    public void A_struct_childs_version_alone_does_not_matter()
    {
        // Given only the struct child's version numbers differ (checker: 'Description "fdc": version error: 2 > 1')
        var old = Dump(S("dev", Dev(1, 1, F("s", 4, child: V("dev/s", 2, 2, F("a"))))));
        var @new = Dump(S("dev", Dev(1, 1, F("s", 4, child: V("dev/s", 1, 1, F("a"))))));

        // When diffed, then nothing breaks: the wire carries no struct version
        var r = Diff(old, @new);
        Assert.False(r.HasBreaking);
        Assert.Equal(FindingSeverity.Harmless, r.Single(MigrationDirection.Forward, FindingCodes.StructDescriptionChanged).Severity);
    }

    [Fact]
    public void An_integer_that_changed_width_breaks_but_a_host_only_size_change_is_undecided()
    {
        // Given checker's 'Field "kbd.keycodes" size mismatch: 4 , 2' and a timer held by value (48) vs by pointer (8)
        var old = Dump(S("dev", Dev(1, 1, F("keycodes", 4), F("timer", 48))));
        var @new = Dump(S("dev", Dev(1, 1, F("keycodes", 2), F("timer", 8))));

        // When diffed forward
        var r = Diff(old, @new, DiffDirections.Forward);

        // Then the integer breaks; the timer is not claimed either way (sizeof is not the wire size, spec §14.3)
        Assert.Equal("dev.keycodes", Assert.Single(r.Breaking(MigrationDirection.Forward)).Path);
        Assert.Single(r.Undecided, u => u.Path == "dev.timer");
    }

    [Fact]
    public void A_struct_where_the_other_side_has_a_plain_field_breaks()
    {
        // Given the checker's 'Field "pci": missing description'
        var old = Dump(S("dev", Dev(1, 1, F("pci", 64, child: V("PCIDevice", 1, 1, F("config", 32), F("irq", 32))))));
        var @new = Dump(S("dev", Dev(1, 1, F("pci", 64))));

        // When diffed, then it breaks both ways
        var r = Diff(old, @new);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Forward, FindingCodes.FieldStructMismatch).Severity);
        Assert.Equal(FindingSeverity.Breaks, r.Single(MigrationDirection.Backward, FindingCodes.FieldStructMismatch).Severity);
    }

    [Fact]
    public void A_subsection_the_destination_lacks_breaks_only_if_sent_and_one_it_adds_is_harmless()
    {
        // Given the checker's 'Subsection "fdrive/media_rate" not found' (OLD has it, NEW does not)
        var old = Dump(S("fdrive", V("fdrive", 1, 1, F("a")).WithSubsections(V("fdrive/media_rate", 1, 1, F("rate", 1)))));
        var @new = Dump(S("fdrive", V("fdrive", 1, 1, F("a"))));

        // When diffed
        var r = Diff(old, @new);

        // Then forward breaks only if OLD's needed() sends it; backward, NEW never sends it
        var f = r.Single(MigrationDirection.Forward, FindingCodes.SubsectionMissing);
        Assert.Equal(FindingSeverity.BreaksIfSent, f.Severity);
        Assert.Equal("fdrive/media_rate", f.Path);
        Assert.Equal(FindingSeverity.Harmless, r.Single(MigrationDirection.Backward, FindingCodes.SubsectionOnlyInDestination).Severity);
    }

    [Fact]
    public void A_subsection_version_above_the_destination_breaks_if_sent_with_vmstates_message()
    {
        // Given cpu/slb going from version 1 to 2 (the real 9.2 change, compat-rules P12)
        var old = Dump(S("cpu", V("cpu", 5, 5, F("a")).WithSubsections(V("cpu/slb", 1, 1, F("slb", 16)))));
        var @new = Dump(S("cpu", V("cpu", 5, 5, F("a")).WithSubsections(V("cpu/slb", 2, 1, F("slb", 16)))));
        // When diffed, then backward breaks if the subsection is sent, with vmstate.c's message
        var f = Diff(old, @new).Single(MigrationDirection.Backward, FindingCodes.SubsectionVersionTooNew);
        Assert.Equal(FindingSeverity.BreaksIfSent, f.Severity);
        Assert.Equal("cpu/slb: incoming version_id 2 is too new for local version_id 1", f.QemuError);
    }

    [Fact]
    public void A_field_behind_a_test_that_the_other_side_lacks_breaks_only_if_its_test_is_true()
    {
        // Given OLD's spapr_pci pre-2.8 fields behind a test, gone in NEW (the real 7.2 → 10.0 change)
        var old = Dump(S("spapr-pci-host-bridge", V("spapr_pci", 2, 2, F("buid", 8), F("mig_liobn", 4, test: true), F("msi_devs_num"))));
        var @new = Dump(S("spapr-pci-host-bridge", V("spapr_pci", 2, 2, F("buid", 8), F("msi_devs_num"))));

        // When diffed forward
        var f = Diff(old, @new, DiffDirections.Forward).Single(MigrationDirection.Forward, FindingCodes.FieldRemoved);

        // Then the finding is conditional
        Assert.Equal(FindingSeverity.BreaksIfSent, f.Severity);
    }

    [Fact]
    public void A_fixed_array_whose_length_changed_breaks_although_the_checker_compares_only_element_sizes()
    {
        // Given a QEMU 8.1+ dump pair where regs went from 28 to 32 elements (the real 10.0.2 → 10.0.13 aspeed.i2c change)
        var old = Dump(S("dev", Dev(1, 1, F("regs", 4, num: 28))));
        var @new = Dump(S("dev", Dev(1, 1, F("regs", 4, num: 32))));

        // When diffed, then both directions break
        var r = Diff(old, @new);
        Assert.Equal(FindingCodes.ArrayLengthMismatch, Assert.Single(r.Breaking(MigrationDirection.Forward)).Code);
        Assert.Equal(FindingCodes.ArrayLengthMismatch, Assert.Single(r.Breaking(MigrationDirection.Backward)).Code);
    }

    [Fact]
    public void A_direction_can_be_checked_alone()
    {
        // Given a version bump, when only forward is asked, then only forward findings come back
        var r = Diff(Dump(S("dev", Dev(1, 1))), Dump(S("dev", Dev(2, 1))), DiffDirections.Forward);
        Assert.All(r.Findings, f => Assert.Equal(MigrationDirection.Forward, f.Direction));
        Assert.Equal(DiffDirections.Forward, r.Directions);
    }
}
