using System.Collections.Frozen;

namespace Tern.Rules;

/// <summary>
/// Which load rule each finding code reports. <c>tern diff</c> (schema against schema) and <c>tern check</c> (a stream
/// against a destination) kept their own codes (they are JSON contracts); this is where the two meet, so both can
/// say which of QEMU's rules refuses the migration.
/// </summary>
public static class RuleBook
{
    private static readonly FrozenDictionary<string, LoadRule> ByCode = new Dictionary<string, LoadRule>(StringComparer.Ordinal)
    {
        // tern diff (Schema/Diff/FindingCodes)
        ["machine-type-differs"] = LoadRule.MachineType,
        ["section-missing"] = LoadRule.UnknownSection,
        ["vmsd-name-mismatch"] = LoadRule.UnknownSection,
        ["section-version-too-new"] = LoadRule.SectionVersion,
        ["section-version-too-old"] = LoadRule.SectionVersion,
        ["vmsd-version-too-new"] = LoadRule.SectionVersion,
        ["vmsd-version-too-old"] = LoadRule.SectionVersion,
        ["subsection-missing"] = LoadRule.UnknownSubsection,
        ["subsection-version-too-new"] = LoadRule.SubsectionVersion,
        ["subsection-version-too-old"] = LoadRule.SubsectionVersion,
        ["field-added"] = LoadRule.FieldLayout,
        ["field-removed"] = LoadRule.FieldLayout,
        ["field-version-gate"] = LoadRule.FieldLayout,
        ["field-mismatch"] = LoadRule.FieldLayout,
        ["unused-size-mismatch"] = LoadRule.FieldLayout,
        ["field-size-mismatch"] = LoadRule.FieldLayout,
        ["field-type-mismatch"] = LoadRule.FieldLayout,
        ["field-struct-mismatch"] = LoadRule.FieldLayout,
        ["array-length-mismatch"] = LoadRule.FieldLayout,
        ["field-test-differs"] = LoadRule.FieldLayout,
        ["bound-exceeded"] = LoadRule.FieldBound,
        ["equal-field-mismatch"] = LoadRule.FieldEqual,
        // tern check (Predict, Targets)
        ["machine-type-mismatch"] = LoadRule.MachineType,
        ["unknown-section"] = LoadRule.UnknownSection,
        ["section-not-in-stream"] = LoadRule.UnknownSection,
        ["unknown-subsection"] = LoadRule.UnknownSubsection,
        ["subsection-null-pointer"] = LoadRule.SubsectionNullPointer,
        ["section-layout-mismatch"] = LoadRule.FieldLayout,
        ["field-not-equal"] = LoadRule.FieldEqual,
        ["field-above-local-bound"] = LoadRule.FieldBound,
        ["ram-block-unknown"] = LoadRule.RamBlock,
        ["ram-size-mismatch"] = LoadRule.RamBlock,
        ["spapr-cap-level"] = LoadRule.SpaprCap,
        ["spapr-cap-lower"] = LoadRule.SpaprCap,
        ["spapr-cap-unknown"] = LoadRule.SpaprCap,
        ["spapr-cap-unsupported"] = LoadRule.SpaprCap,
        ["spapr-cap-tcg-unsupported"] = LoadRule.SpaprCap,
        ["spapr-cap-value"] = LoadRule.SpaprCap,
        ["spapr-cap-silent-change"] = LoadRule.GuestVisibleChange,
        ["ppc-pvr-mismatch"] = LoadRule.PvrMatch,
        ["ppc-kvm-hv-pvr-rewrite"] = LoadRule.PvrMatch,
        ["ppc-compat-unsupported"] = LoadRule.CompatMode,
        ["compat-mode-unknown"] = LoadRule.CompatMode,
        ["compat-mode-unsupported"] = LoadRule.CompatMode,
        ["arm-cpreg-readback"] = LoadRule.CpregReadBack,
        ["arm-cpreg-unknown"] = LoadRule.CpregReadBack,
        ["machine-type-unavailable"] = LoadRule.StartUp,
        ["cpu-model-unavailable"] = LoadRule.StartUp,
        ["configuration-refused"] = LoadRule.StartUp,
        ["device-guest-state"] = LoadRule.GuestVisibleChange,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// The load rule a finding code reports, or null for a code that names no refusal (a rename, fields regrouped
    /// with the same bytes, a section only the destination has).
    /// </summary>
    public static LoadRule? Of(string code) => ByCode.TryGetValue(code, out var rule) ? rule : null;

    /// <summary>The rule's stable id as JSON writes it: <c>unknown-section</c>, <c>field-layout</c>, ….</summary>
    public static string Id(LoadRule rule) => rule switch
    {
        LoadRule.MachineType => "machine-type",
        LoadRule.UnknownSection => "unknown-section",
        LoadRule.SectionVersion => "section-version",
        LoadRule.UnknownSubsection => "unknown-subsection",
        LoadRule.SubsectionVersion => "subsection-version",
        LoadRule.SubsectionNullPointer => "subsection-null-pointer",
        LoadRule.FieldLayout => "field-layout",
        LoadRule.FieldEqual => "field-equal",
        LoadRule.FieldBound => "field-bound",
        LoadRule.RamBlock => "ram-block",
        LoadRule.SpaprCap => "spapr-cap",
        LoadRule.PvrMatch => "pvr-match",
        LoadRule.CompatMode => "compat-mode",
        LoadRule.CpregReadBack => "cpreg-read-back",
        LoadRule.StartUp => "start-up",
        LoadRule.GuestVisibleChange => "guest-visible-change",
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Where QEMU decides <paramref name="rule"/> (file and function), from the rule's own type.</summary>
    public static string Source(LoadRule rule) => rule switch
    {
        LoadRule.MachineType => MachineTypeRule.Source,
        LoadRule.UnknownSection => UnknownSectionRule.Source,
        LoadRule.SectionVersion => SectionVersionRule.Source,
        LoadRule.UnknownSubsection => UnknownSubsectionRule.Source,
        LoadRule.SubsectionVersion => SubsectionVersionRule.Source,
        LoadRule.SubsectionNullPointer => SubsectionNullPointerRule.Source,
        LoadRule.FieldLayout => FieldLayoutRule.Source,
        LoadRule.FieldEqual => FieldEqualRule.Source,
        LoadRule.FieldBound => FieldBoundRule.Source,
        LoadRule.RamBlock => RamBlockRule.Source,
        LoadRule.SpaprCap => SpaprCapRule.Source,
        LoadRule.PvrMatch => PvrMatchRule.Source,
        LoadRule.CompatMode => CompatModeRule.Source,
        LoadRule.CpregReadBack => CpregReadBackRule.Source,
        LoadRule.StartUp => StartUpRule.Source,
        LoadRule.GuestVisibleChange => GuestVisibleChangeRule.Source,
        _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, null),
    };

    /// <summary>Every finding code the book knows, with its rule (for docs and tests).</summary>
    public static IEnumerable<KeyValuePair<string, LoadRule>> Codes => ByCode;
}
