
namespace Tern.Targets.Ppc64;

/// <summary>The spapr caps as properties a baseline or a suggestion may try, from the cap table (qemu-changes.json).</summary>
internal static class SpaprTunableCaps
{
    /// <summary>
    /// Every cap with every value its kind accepts (hw/ppc/spapr_caps.c spapr_cap_set_bool/_string), least capability
    /// first; page-size caps are left out, since a guess of sizes would be a guess.
    /// </summary>
    internal static IReadOnlyList<TunableProperty> All => Table.Value;

    // Built when a baseline or a suggestion first asks, not when the targets are listed.
    private static readonly Lazy<IReadOnlyList<TunableProperty>> Table = new(() =>
        [.. SpaprCaps.All.Select(c => new TunableProperty(c.Property, c.Subsection, Levels(c.Kind))).Where(p => p.Values.Count > 0)]);

    private static IReadOnlyList<string> Levels(SpaprCapKind kind) => kind switch
    {
        SpaprCapKind.Bool => ["off", "on"],
        SpaprCapKind.Tristate => ["broken", "workaround", "fixed"],
        SpaprCapKind.Ibs => ["broken", "workaround", "fixed-ibs", "fixed-ccd", "fixed-na"],
        _ => [],
    };
}
