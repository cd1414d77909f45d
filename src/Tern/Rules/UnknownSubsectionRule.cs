namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.UnknownSubsection"/>: a subsection whose name the destination's owner VMSD does not declare.
/// vmstate_subsection_load fails with -ENOENT; up to 10.1 silently (only the section's wrapper line), from 10.2 with
/// its own line.
/// </summary>
public static class UnknownSubsectionRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.UnknownSubsection;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate.c vmstate_subsection_load";

    /// <summary>The subsection lookup by name, with QEMU's words.</summary>
    public const string Citation =
        "migration/vmstate.c vmstate_subsection_load: a subsection whose name is not in the local vmsd->subsections fails the load with -ENOENT (10.2+: \"VM subsection '%s' in '%s' does not exist\")";

    /// <summary>tern check: the stream carries a subsection the destination does not declare.</summary>
    public const string Code = "unknown-subsection";

    /// <summary>tern diff: the sender may send a subsection the receiver does not declare.</summary>
    public const string DiffCode = "subsection-missing";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, DiffCode];

    /// <summary>The line 10.2+ prints for it.</summary>
    public static string Message(string subsection, string owner) => $"VM subsection '{subsection}' in '{owner}' does not exist";
}
