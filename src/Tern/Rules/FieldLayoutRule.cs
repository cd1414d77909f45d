namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.FieldLayout"/>: the destination reads a body with its own field list (no names or lengths on the
/// wire), so a field added, removed, resized or re-gated, or an array of another length, shifts every later byte and
/// savevm.c check_section_footer finds no footer (QEMU 2.7–11.1).
/// </summary>
public static class FieldLayoutRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.FieldLayout;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate.c vmstate_load_state with the destination's field list → migration/savevm.c check_section_footer";

    /// <summary>Fields are positional: what the walk of both field lists rests on.</summary>
    public const string Citation =
        "migration/vmstate.c vmstate_load_state: fields are read in declaration order with no names or lengths on the wire; every byte the source writes must be read by the matching field";

    /// <summary>tern check: the stream's fields do not line up with the destination's.</summary>
    public const string Code = "section-layout-mismatch";

    /// <summary>tern diff: a field the receiver reads that the sender does not send.</summary>
    public const string DiffAddedCode = "field-added";

    /// <summary>tern diff: a field the sender sends that the receiver does not read.</summary>
    public const string DiffRemovedCode = "field-removed";

    /// <summary>tern diff: both have the field, but their version gates disagree at the versions in play.</summary>
    public const string DiffVersionGateCode = "field-version-gate";

    /// <summary>tern diff: fields that cannot be lined up.</summary>
    public const string DiffMismatchCode = "field-mismatch";

    /// <summary>tern diff: VMSTATE_UNUSED padding that does not add up to the fields on the other side.</summary>
    public const string DiffUnusedSizeCode = "unused-size-mismatch";

    /// <summary>tern diff: element sizes differ.</summary>
    public const string DiffSizeCode = "field-size-mismatch";

    /// <summary>tern diff: VMStateInfo types differ.</summary>
    public const string DiffTypeCode = "field-type-mismatch";

    /// <summary>tern diff: a struct on one side, a plain field on the other.</summary>
    public const string DiffStructCode = "field-struct-mismatch";

    /// <summary>tern diff: array lengths differ.</summary>
    public const string DiffArrayLengthCode = "array-length-mismatch";

    /// <summary>tern diff: a field's test (field_exists) differs.</summary>
    public const string DiffTestCode = "field-test-differs";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, DiffAddedCode, DiffRemovedCode, DiffVersionGateCode, DiffMismatchCode, DiffUnusedSizeCode, DiffSizeCode, DiffTypeCode, DiffStructCode, DiffArrayLengthCode, DiffTestCode];

    /// <summary>check_section_footer's words.</summary>
    public static string MissingFooter(string idstr) => $"Missing section footer for {idstr}";
}
