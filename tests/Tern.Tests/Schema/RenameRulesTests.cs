using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Tests.Schema;

public sealed class RenameRulesTests
{
    [Fact]
    public void The_embedded_rules_load_and_every_rule_says_where_it_comes_from()
    {
        // Given the embedded data/rename-rules.json
        var rules = RenameRuleSet.Default.Rules;

        // Then it holds the checker's table and the renames found in the fixtures, each with a source
        Assert.True(rules.Count >= 50);
        Assert.All(rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Source)));
        Assert.All(rules.Where(r => r.Kind != RenameRuleKind.Section), r => Assert.NotNull(r.Scope));
        Assert.All(rules.Where(r => !r.Source.Contains("vmstate-static-checker.py", StringComparison.Ordinal)),
            r => Assert.True(r.Qemu is not null || r.Commit is not null, $"{r.Id} cites neither a QEMU version nor a commit"));
    }

    [Fact]
    public void The_checkers_built_in_section_and_field_renames_are_in_the_data()
    {
        // Given the embedded rules, then the checker's get_changed_sec_name and changed_names entries are found, both ways
        var set = RenameRuleSet.Default;
        Assert.NotNull(set.FindSection("ICH9 LPC", "ICH9-LPC"));
        Assert.NotNull(set.FindSection("e1000", "e1000-82540em"));
        Assert.NotNull(set.FindField("apic", "timer", "timer_expiry"));
        Assert.NotNull(set.FindField("spapr_pci", "dma_liobn[0]", "mig_liobn"));
        Assert.NotNull(set.FindVmsd("usb-tablet", "usb-ptr-queue", "HIDPointerEventQueue"));
        Assert.Null(set.FindField("apic", "timer", "parent_obj"));
    }

    [Fact]
    public void Malformed_rules_are_refused_with_the_JSON_path()
    {
        // Given a field rule without its "vmsd", when parsed, then the error points at it
        var e = Assert.Throws<SchemaException>(() => RenameRuleSet.Parse("""{"rules": [{"id": "x", "kind": "field", "old": "a", "new": "b", "source": "s"}]}"""u8, "r.json"));
        Assert.Equal("$.rules[0].vmsd", e.JsonPath);
    }

    [Fact]
    public void A_rule_set_without_a_rename_turns_a_rename_into_a_mismatch()
    {
        // Given e1000's dev → parent_obj, and no rules at all
        var old = SchemaBuilder.Dump(SchemaBuilder.S("e1000", SchemaBuilder.V("e1000", 2, 1, SchemaBuilder.F("dev"), SchemaBuilder.F("mac"))));
        var @new = SchemaBuilder.Dump(SchemaBuilder.S("e1000", SchemaBuilder.V("e1000", 2, 1, SchemaBuilder.F("parent_obj"), SchemaBuilder.F("mac"))));

        // When diffed without rules, then the rename is a mismatch: the rules are what make it harmless
        var r = SchemaDiff.Compare(old, @new, new SchemaDiffOptions { Rules = RenameRuleSet.Empty });
        Assert.Contains(r.Findings, f => f.Code == FindingCodes.FieldMismatch);
    }
}
