using Tern.Platforms;
using Tern.Platforms.Ppc;

namespace Tern.Predict;

/// <summary>
/// <c>spapr_caps_apply</c> at machine reset (hw/ppc/spapr_caps.c, cap_*_apply): levels the accelerator or CPU cannot
/// provide stop QEMU before any migration data moves; some only warn.
/// </summary>
public static class SpaprCapApply
{
    /// <summary>Start-up findings for a resolved POWER host.</summary>
    public static IEnumerable<Finding> Check(ResolvedHost host, string side)
    {
        ArgumentNullException.ThrowIfNull(host);
        var eff = host.CapEffective;
        var tcg = host.Accelerator == Accelerator.Tcg;
        var v = host.Version;
        Finding Fail(string cap, string message, string hint, string rule) => HostResolver.StartFailure(side, "spapr-cap-unsupported",
            $"cap-{cap}={Describe(cap, eff)} cannot be provided ({message})", [message, hint], rule, $"start with -machine cap-{cap}={(cap == "ibs" || cap == "cfpc" || cap == "sbbc" ? "broken" : "off")}");
        Finding Warn(string text) => new()
        {
            Code = "spapr-cap-tcg-unsupported", Severity = Severity.Note, Message = text, QemuError = ["warning: " + text],
            Rule = "hw/ppc/spapr_caps.c cap_safe_*_apply / cap_ccf_assist_apply (TCG only warns)", Side = side,
        };
        if (tcg)
        {
            if (v >= SpaprCaps.All[0x00].Since && eff[0x00] != 0) yield return Fail("htm", "No Transactional Memory support in TCG", "Try appending -machine cap-htm=off", "hw/ppc/spapr_caps.c cap_htm_apply");
            if (v >= SpaprCaps.All[0x0B].Since && eff[0x0B] != 0) yield return Fail("rpt-invalidate", "No H_RPT_INVALIDATE support in TCG", "Try appending -machine cap-rpt-invalidate=off", "hw/ppc/spapr_caps.c cap_rpt_invalidate_apply");
            // TCG gained nested-HV in 7.0 (5.2 refuses it: tests/fixtures/probes/cap-probe-5.2-pseries-5.2.txt).
            if (v >= SpaprCaps.All[0x07].Since && !v.AtLeast(7, 0) && eff[0x07] != 0)
                yield return Fail("nested-hv", "No Nested KVM-HV support in TCG", "Try appending -machine cap-nested-hv=off", "hw/ppc/spapr_caps.c cap_nested_kvm_hv_apply (≤6.2)");
            foreach (var (id, name) in new[] { (0x03, "cfpc"), (0x04, "sbbc"), (0x05, "ibs") })
            {
                if (v >= SpaprCaps.All[id].Since && eff[id] != 0) yield return Warn($"TCG doesn't support requested feature, cap-{name}={Describe(name, eff)}");
            }
            if (v >= SpaprCaps.All[0x09].Since && eff[0x09] != 0) yield return Warn("TCG doesn't support requested feature, cap-ccf-assist=on");
        }
        if (v >= SpaprCaps.All[0x08].Since && eff[0x08] != 0 && !PpcCompatRules.CanReach(v, host.Family, CompatMode.ByName("power9")!, host.MaxCompat) && tcg)
            yield return Fail("large-decr", "Large decrementer only supported on POWER9, try -cpu POWER9", "Try appending -machine cap-large-decr=off", "hw/ppc/spapr_caps.c cap_large_decr_apply");
        if (v >= SpaprCaps.All[0x0E].Since && eff[0x0E] != 0 && !PpcCompatRules.CanReach(v, host.Family, CompatMode.ByName("power10")!, host.MaxCompat))
            yield return Fail("dawr1", "DAWR1 supported only on POWER10 and later CPUs", "Try appending -machine cap-dawr1=off", "hw/ppc/spapr_caps.c cap_dawr1_apply");
    }

    /// <summary>The value as QEMU names it in messages (<c>workaround</c>, <c>on</c>, …).</summary>
    public static string Describe(string cap, int[] eff)
    {
        var c = SpaprCaps.ByName(cap)!;
        var l = eff[c.Id];
        return c.Kind switch
        {
            SpaprCapKind.Bool => l != 0 ? "on" : "off",
            SpaprCapKind.Tristate => l switch { 0 => "broken", 1 => "workaround", _ => "fixed" },
            SpaprCapKind.Ibs => l switch { 0 => "broken", 1 => "workaround", 2 => "fixed-ibs", 3 => "fixed-ccd", _ => "fixed-na" },
            _ => $"{1UL << l}",
        };
    }
}
