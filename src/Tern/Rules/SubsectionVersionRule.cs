namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.SubsectionVersion"/>: a subsection arrives at a version outside what the destination's subsection
/// VMSD loads. vmstate_subsection_load reads the be32 version and keeps its low 8 bits, then vmstate_load_state applies
/// the same range check as to a section (QEMU 2.7–11.1), with the same words (<see cref="SectionVersionRule"/>).
/// </summary>
public static class SubsectionVersionRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.SubsectionVersion;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/vmstate.c vmstate_subsection_load → vmstate_load_state";

    /// <summary>tern diff and check: a subsection arrives above the destination's version.</summary>
    public const string TooNewCode = "subsection-version-too-new";

    /// <summary>tern diff and check: a subsection arrives below the destination's minimum.</summary>
    public const string TooOldCode = "subsection-version-too-old";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [TooNewCode, TooOldCode];

    /// <summary>The version vmstate_subsection_load passes on: the low 8 bits of the be32 on the wire.</summary>
    public static uint WireVersion(uint be32) => be32 & 0xFF;

    /// <summary>Whether a subsection at <paramref name="incoming"/> loads (see <see cref="SectionVersionRule.Check"/>).</summary>
    public static VersionCheck Check(long incoming, long localVersion, long? localMinimum) =>
        SectionVersionRule.Check(incoming, localVersion, localMinimum);
}
