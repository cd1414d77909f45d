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

    /// <summary>check_section_footer's words.</summary>
    public static string MissingFooter(string idstr) => $"Missing section footer for {idstr}";
}
