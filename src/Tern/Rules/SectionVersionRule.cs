namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.SectionVersion"/>: a section (or its top-level VMSD) arrives at a version outside what the
/// destination loads. savevm.c compares the section header's version with the SaveStateEntry's <c>version_id</c>;
/// vmstate.c then compares it with the VMSD's <c>version_id</c> and <c>minimum_version_id</c> (QEMU 2.7–11.1).
/// </summary>
public static class SectionVersionRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.SectionVersion;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/savevm.c qemu_loadvm_section_start_full, and migration/vmstate.c vmstate_load_state";

    /// <summary>vmstate.c's check of a VMSD's version against its minimum_version_id, with QEMU's words.</summary>
    public const string TooOldCitation =
        "migration/vmstate.c vmstate_load_state: version_id < vmsd->minimum_version_id → \"%s: incoming version_id %d is too old for local minimum version_id  %d\"";

    /// <summary>vmstate.c's check of a VMSD's version against its version_id, with QEMU's words.</summary>
    public const string TooNewCitation =
        "migration/vmstate.c vmstate_load_state: version_id > vmsd->version_id → \"%s: incoming version_id %d is too new for local version_id %d\"";

    /// <summary>savevm.c's check of the section header's version, with QEMU's words.</summary>
    public const string SavevmCitation =
        "migration/savevm.c qemu_loadvm_section_start_full: version_id > se->version_id → \"savevm: unsupported version %d for '%s' v%d\"";

    /// <summary>tern diff and check: the section arrives above the destination's version.</summary>
    public const string TooNewCode = "section-version-too-new";

    /// <summary>tern diff and check: the section arrives below the destination's minimum.</summary>
    public const string TooOldCode = "section-version-too-old";

    /// <summary>tern diff: the top-level VMSD's own version is above the receiver's.</summary>
    public const string DiffVmsdTooNewCode = "vmsd-version-too-new";

    /// <summary>tern diff: the top-level VMSD's own version is below the receiver's minimum.</summary>
    public const string DiffVmsdTooOldCode = "vmsd-version-too-old";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [TooNewCode, TooOldCode, DiffVmsdTooNewCode, DiffVmsdTooOldCode];

    /// <summary>
    /// Whether a body sent at <paramref name="incoming"/> loads into a VMSD that loads up to <paramref name="localVersion"/>
    /// and from <paramref name="localMinimum"/> (null when the destination's description does not say: only a
    /// <c>-dump-vmstate</c> carries it).
    /// </summary>
    public static VersionCheck Check(long incoming, long localVersion, long? localMinimum) =>
        incoming > localVersion ? VersionCheck.TooNew
        : localMinimum is { } min && incoming < min ? VersionCheck.TooOld
        : VersionCheck.Loads;

    /// <summary>
    /// savevm.c's words for a section header above the SaveStateEntry's version: <c>savevm: unsupported version …</c>
    /// up to 10.1; 10.2 dropped the prefix when it chained the load errors (<paramref name="chained"/>).
    /// </summary>
    public static string UnsupportedVersion(long version, string idstr, long local, bool chained = false) =>
        $"{(chained ? "" : "savevm: ")}unsupported version {version} for '{idstr}' v{local}";

    /// <summary>vmstate_load_state's words for a VMSD (or subsection) body above its <c>version_id</c>.</summary>
    public static string TooNew(string vmsd, long version, long local) =>
        $"{vmsd}: incoming version_id {version} is too new for local version_id {local}";

    /// <summary>
    /// vmstate_load_state's words for a body below its <c>minimum_version_id</c>: two spaces before the number up to
    /// 10.1, one once 10.2 chained the load errors (<paramref name="chained"/>; real: 7.2 and 11.1.3).
    /// </summary>
    public static string TooOld(string vmsd, long version, long minimum, bool chained = false) =>
        $"{vmsd}: incoming version_id {version} is too old for local minimum version_id {(chained ? "" : " ")}{minimum}";
}
