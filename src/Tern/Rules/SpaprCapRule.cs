namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.SpaprCap"/>: an incoming spapr capability above the destination's level is refused (<c>cap-X higher level (n) in incoming stream than on destination (m)</c>), and the destination's own level must pass the cap's apply hook under its accelerator (QEMU 2.12–11.1). The per-architecture decision is <c>Targets.Ppc64.SpaprCapsLoad</c> and <c>SpaprCapApply</c>; the cap table is data.
/// </summary>
public static class SpaprCapRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.SpaprCap;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "hw/ppc/spapr_caps.c spapr_caps_pre_load, spapr_caps_post_migration, cap_*_apply";

    /// <summary>tern check: a cap arrives above the destination's level (spapr_caps_post_migration).</summary>
    public const string LevelCode = "spapr-cap-level";

    /// <summary>tern check: a cap arrives below the destination's level.</summary>
    public const string LowerCode = "spapr-cap-lower";

    /// <summary>tern check: the QEMU has no machine property for the cap (refused at start-up).</summary>
    public const string UnknownCode = "spapr-cap-unknown";

    /// <summary>tern check: the accelerator or host cannot provide the cap at this level (its apply hook refuses).</summary>
    public const string UnsupportedCode = "spapr-cap-unsupported";

    /// <summary>tern check: TCG cannot provide the cap at this level and only warns.</summary>
    public const string TcgUnsupportedCode = "spapr-cap-tcg-unsupported";

    /// <summary>tern check: a cap value the property setter does not accept.</summary>
    public const string ValueCode = "spapr-cap-value";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [LevelCode, LowerCode, UnknownCode, UnsupportedCode, TcgUnsupportedCode, ValueCode];
}
