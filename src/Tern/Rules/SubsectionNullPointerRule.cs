namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.SubsectionNullPointer"/>: a subsection carries a <c>VMS_POINTER</c> field (a timer) that the
/// destination never allocated because the feature is off there; vmstate_load_state's assertion fails and QEMU aborts
/// (QEMU 2.7–11.1).
/// </summary>
public static class SubsectionNullPointerRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.SubsectionNullPointer;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate.c vmstate_load_state (VMS_POINTER assertion)";

    /// <summary>tern check: a subsection carries a pointer field the destination never set.</summary>
    public const string Code = "subsection-null-pointer";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code];

    /// <summary>The assertion QEMU prints as it aborts.</summary>
    public const string Assertion = "migration/vmstate.c: vmstate_load_state: Assertion `first_elem || !n_elems || !size' failed.";
}
