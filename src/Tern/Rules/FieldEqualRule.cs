namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.FieldEqual"/>: a <c>VMSTATE_*_EQUAL</c> field must arrive with the destination's own value
/// (migration/vmstate-types.c get_*_equal, QEMU 2.7–11.1). The destination's field type decides whether it applies.
/// </summary>
public static class FieldEqualRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.FieldEqual;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate-types.c get_*_equal (VMSTATE_*_EQUAL)";

    /// <summary>The equality check, with QEMU's words.</summary>
    public const string Citation =
        "migration/vmstate-types.c get_*_equal (VMSTATE_*_EQUAL): the loaded value must equal the local one: \"%x != %x\"";

    /// <summary>tern check: a VMSTATE_*_EQUAL field differs from the destination's.</summary>
    public const string Code = "field-not-equal";

    /// <summary>tern diff: a VMSTATE_*_EQUAL field whose values differ.</summary>
    public const string DiffCode = "equal-field-mismatch";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, DiffCode];

    /// <summary>Whether the destination's field of <paramref name="localType"/> (a <c>-dump-vmstate</c> type name) checks equality.</summary>
    public static bool Applies(string? localType) => localType is not null && localType.EndsWith(" equal", StringComparison.Ordinal);

    /// <summary>error_report("%x != %x", *v, v2): the destination's own value first, then the one read.</summary>
    public static string Message(ulong local, ulong incoming) => $"{local:x} != {incoming:x}";
}
