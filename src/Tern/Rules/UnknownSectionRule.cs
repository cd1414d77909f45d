namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.UnknownSection"/>: the destination has no SaveStateEntry with the section's idstr and instance id
/// (savevm.c find_se; the idstr is the device path plus the VMSD name, so a renamed VMSD is unknown too).
/// </summary>
public static class UnknownSectionRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.UnknownSection;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/savevm.c qemu_loadvm_section_start_full → find_se";

    /// <summary>The section idstr comes from the VMSD name, so a renamed top-level VMSD is an unknown section.</summary>
    public const string IdstrCitation =
        "migration/savevm.c vmstate_register_with_alias_id: the section idstr is the device path plus the VMSD name, so a renamed top-level VMSD is an unknown section";

    /// <summary>The section lookup by idstr and instance, with QEMU's words.</summary>
    public const string Citation =
        "migration/savevm.c qemu_loadvm_section_start_full: find_se(idstr, instance_id) fails → \"Unknown savevm section or instance '%s' %u\"";

    /// <summary>tern check: the stream has a section the destination does not.</summary>
    public const string Code = "unknown-section";

    /// <summary>tern diff: the sender has a section the receiver does not know.</summary>
    public const string DiffMissingCode = "section-missing";

    /// <summary>tern diff: the top-level VMSD is named otherwise on the receiving side, so the section idstr differs.</summary>
    public const string DiffVmsdNameCode = "vmsd-name-mismatch";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, DiffMissingCode, DiffVmsdNameCode];

    /// <summary>
    /// QEMU's words: <c>Unknown savevm section or instance …</c> up to 10.1, <c>Unknown section or instance …</c> once
    /// 10.2 chained the load errors (<paramref name="chained"/>; real: 11.1.3).
    /// </summary>
    public static string Message(string idstr, long instance, bool chained = false) =>
        $"{(chained ? "Unknown section" : "Unknown savevm section")} or instance '{idstr}' {instance}. Make sure that your current VM setup matches your saved VM setup, including any hotplugged devices";
}
