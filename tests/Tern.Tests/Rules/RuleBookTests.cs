using System.Reflection;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Rules;
using Tern.Schema.Diff;
using Tern.Tests.Schema;
using Tern.Tests.Support;

namespace Tern.Tests.Rules;

/// <summary>
/// <c>tern diff</c> and <c>tern check</c> keep their own finding codes (JSON contracts) but report one rule book: the
/// same real break, seen by either, names the same QEMU load rule.
/// </summary>
public sealed class RuleBookTests
{
    [Fact]
    public void A_diff_and_a_check_of_the_same_real_break_name_the_same_load_rule()
    {
        // Given QEMU 7.2's real pseries-7.2 stream, and QEMU 10.0.2's real stream of the same machine type, which has no
        // icp/server section (10.0.2 refused 7.2's stream with "Unknown savevm section or instance 'icp/server' 0")
        var diff = SchemaDiff.Compare(SchemaFixtures.Stream("same-7.2-pseries"), SchemaFixtures.Stream("x-10.0.2-to-7.2-pseries-7.2"));
        using var stream = new MemoryStream(Fixtures.StreamBytes("same-7.2-pseries"));
        var check = new Predictor(KnowledgeBase.Default).PredictStream(stream, HostSpecParser.Parse("qemu-10.0.2 -machine pseries-7.2 -accel tcg"));

        // When each reports the missing section
        var diffFinding = diff.Breaking(MigrationDirection.Forward).First(f => f.Section == "icp/server");
        var checkFinding = check.Findings.First(f => f.Evidence.Section == "icp/server");

        // Then their codes differ but their rule is one
        Assert.NotEqual(diffFinding.Code, checkFinding.Code);
        Assert.Equal(LoadRule.UnknownSection, RuleBook.Of(diffFinding.Code));
        Assert.Equal(LoadRule.UnknownSection, RuleBook.Of(checkFinding.Code));
    }

    // Codes that report no refusal: the wire is unchanged (renames, regrouped or moved fields, padding of the same
    // size, a struct's VMSD name), or the receiver merely has more than is sent, or the dump cannot say.
    private static readonly string[] NotRefusals =
    [
        FindingCodes.SectionRenamed, FindingCodes.SectionOnlyInDestination, FindingCodes.VmsdMissing, FindingCodes.StructDescriptionChanged,
        FindingCodes.SubsectionOnlyInDestination, FindingCodes.FieldRenamed, FindingCodes.FieldReplacedByUnused, FindingCodes.LayoutRegrouped,
        FindingCodes.FieldsMovedIntoStruct,
    ];

    [Fact]
    public void Every_diff_code_that_can_refuse_a_stream_names_its_load_rule()
    {
        var codes = typeof(FindingCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        Assert.NotEmpty(codes);
        foreach (var code in codes)
            Assert.True(NotRefusals.Contains(code) != RuleBook.Of(code).HasValue, $"{code}: a refusal needs a load rule, a non-refusal must not have one");
    }

    [Fact]
    public void Every_load_rule_has_its_own_id_and_a_code_that_reports_it()
    {
        var rules = Enum.GetValues<LoadRule>();
        Assert.Equal(rules.Length, rules.Select(RuleBook.Id).Distinct().Count());
        foreach (var rule in rules) Assert.Contains(RuleBook.Codes, kv => kv.Value == rule);
    }

    [Fact]
    public void Each_finding_code_is_listed_by_exactly_one_rule_type()
    {
        var owners = typeof(LoadRule).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(LoadRule).Namespace && t != typeof(RuleBook))
            .Select(t => (Type: t, Codes: t.GetProperty("Codes", BindingFlags.Public | BindingFlags.Static)))
            .Where(x => x.Codes is not null)
            .SelectMany(x => ((IReadOnlyList<string>)x.Codes!.GetValue(null)!).Select(c => (Code: c, x.Type)))
            .ToList();

        Assert.Equal(Enum.GetValues<LoadRule>().Length, owners.Select(o => o.Type).Distinct().Count());
        foreach (var g in owners.GroupBy(o => o.Code))
            Assert.True(g.Count() == 1, $"{g.Key} is listed by {string.Join(", ", g.Select(o => o.Type.Name))}");
        Assert.Equal(owners.Count, RuleBook.Codes.Count());
    }
}
