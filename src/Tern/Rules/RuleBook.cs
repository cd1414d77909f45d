using System.Collections.Frozen;

namespace Tern.Rules;

/// <summary>
/// Which load rule each finding code reports. <c>tern diff</c> (schema against schema) and <c>tern check</c> (a stream
/// against a destination) kept their own codes (they are JSON contracts); each rule's type lists the codes that report
/// it, and this is where they meet, so both can say which of QEMU's rules refuses the migration.
/// </summary>
public static class RuleBook
{
    // One row per rule, in LoadRule's order: the id JSON writes, and the QEMU source and finding codes its type holds.
    private static readonly (LoadRule Rule, string Id, string Source, IReadOnlyList<string> Codes)[] Rows =
    [
        (MachineTypeRule.Rule, "machine-type", MachineTypeRule.Source, MachineTypeRule.Codes),
        (UnknownSectionRule.Rule, "unknown-section", UnknownSectionRule.Source, UnknownSectionRule.Codes),
        (SectionVersionRule.Rule, "section-version", SectionVersionRule.Source, SectionVersionRule.Codes),
        (UnknownSubsectionRule.Rule, "unknown-subsection", UnknownSubsectionRule.Source, UnknownSubsectionRule.Codes),
        (SubsectionVersionRule.Rule, "subsection-version", SubsectionVersionRule.Source, SubsectionVersionRule.Codes),
        (SubsectionNullPointerRule.Rule, "subsection-null-pointer", SubsectionNullPointerRule.Source, SubsectionNullPointerRule.Codes),
        (FieldLayoutRule.Rule, "field-layout", FieldLayoutRule.Source, FieldLayoutRule.Codes),
        (FieldEqualRule.Rule, "field-equal", FieldEqualRule.Source, FieldEqualRule.Codes),
        (FieldBoundRule.Rule, "field-bound", FieldBoundRule.Source, FieldBoundRule.Codes),
        (RamBlockRule.Rule, "ram-block", RamBlockRule.Source, RamBlockRule.Codes),
        (SpaprCapRule.Rule, "spapr-cap", SpaprCapRule.Source, SpaprCapRule.Codes),
        (PvrMatchRule.Rule, "pvr-match", PvrMatchRule.Source, PvrMatchRule.Codes),
        (CompatModeRule.Rule, "compat-mode", CompatModeRule.Source, CompatModeRule.Codes),
        (CpregReadBackRule.Rule, "cpreg-read-back", CpregReadBackRule.Source, CpregReadBackRule.Codes),
        (StartUpRule.Rule, "start-up", StartUpRule.Source, StartUpRule.Codes),
        (GuestVisibleChangeRule.Rule, "guest-visible-change", GuestVisibleChangeRule.Source, GuestVisibleChangeRule.Codes),
    ];

    private static readonly FrozenDictionary<string, LoadRule> ByCode =
        Rows.SelectMany(r => r.Codes.Select(c => KeyValuePair.Create(c, r.Rule))).ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The load rule a finding code reports, or null for a code that names no refusal (a rename, fields regrouped
    /// with the same bytes, a section only the destination has).
    /// </summary>
    public static LoadRule? Of(string code) => ByCode.TryGetValue(code, out var rule) ? rule : null;

    /// <summary>The rule's stable id as JSON writes it: <c>unknown-section</c>, <c>field-layout</c>, ….</summary>
    public static string Id(LoadRule rule) => Row(rule).Id;

    /// <summary>Where QEMU decides <paramref name="rule"/> (file and function), from the rule's own type.</summary>
    public static string Source(LoadRule rule) => Row(rule).Source;

    /// <summary>Every finding code the book knows, with its rule (for docs and tests).</summary>
    public static IEnumerable<KeyValuePair<string, LoadRule>> Codes => ByCode;

    private static (LoadRule Rule, string Id, string Source, IReadOnlyList<string> Codes) Row(LoadRule rule) =>
        (int)rule >= 0 && (int)rule < Rows.Length && Rows[(int)rule].Rule == rule
            ? Rows[(int)rule]
            : throw new ArgumentOutOfRangeException(nameof(rule), rule, null);
}
