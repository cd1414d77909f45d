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
}
