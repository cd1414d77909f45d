namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.FieldBound"/>: a <c>VMSTATE_INT32_POSITIVE_LE</c> field (an element count) must be between 0 and
/// the destination's own value (migration/vmstate-types.c get_int32_le, QEMU 2.7–11.1).
/// </summary>
public static class FieldBoundRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.FieldBound;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate-types.c get_int32_le (VMSTATE_INT32_POSITIVE_LE)";

    /// <summary>The bound check, with QEMU's words.</summary>
    public const string Citation =
        "migration/vmstate-types.c get_int32_le (VMSTATE_INT32_POSITIVE_LE): \"Invalid value %d expecting positive value <= %d\", then \"Failed to load %s:%s\"";

    /// <summary>tern check: a VMSTATE_INT32_POSITIVE_LE field above the destination's value.</summary>
    public const string Code = "field-above-local-bound";

    /// <summary>tern diff: a bounded field the sender may send above the receiver's bound.</summary>
    public const string DiffCode = "bound-exceeded";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, DiffCode];

    /// <summary>The destination's type name for such a field in a <c>-dump-vmstate</c>.</summary>
    public const string LocalType = "int32 le";

    /// <summary>Whether the destination's field of <paramref name="localType"/> checks the bound.</summary>
    public static bool Applies(string? localType) => localType == LocalType;

    /// <summary>Whether <paramref name="incoming"/> loads into a field whose local value is <paramref name="local"/>.</summary>
    public static bool Accepts(long incoming, long local) => incoming >= 0 && incoming <= local;

    /// <summary>QEMU's words.</summary>
    public static string Message(long incoming, long local) => $"Invalid value {incoming} expecting positive value <= {local}";
}
