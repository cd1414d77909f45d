using Tern.Platforms;
using Tern.Rules;

using Tern.Predict;

namespace Tern.Targets.Ppc64;

/// <summary>
/// <c>spapr_caps_apply</c> at machine reset (hw/ppc/spapr_caps.c, cap_*_apply): levels the accelerator or CPU cannot
/// provide stop QEMU before any migration data moves; some only warn.
/// </summary>
public static class SpaprCapApply
{
    /// <summary>Start-up findings for a resolved POWER host.</summary>
    public static IEnumerable<Finding> Check(ResolvedHost host, MigrationEnd side)
    {
        ArgumentNullException.ThrowIfNull(host);
        var eff = host.Power().CapEffective;
        var tcg = host.Accelerator == Accelerator.Tcg;
        var v = host.Version;
        Finding Fail(string cap, string message, string hint, string rule) => HostResolver.StartFailure(side, SpaprCapRule.UnsupportedCode,
            $"cap-{cap}={Describe(cap, eff)} cannot be provided ({message})", [message, hint], rule, $"start with -machine cap-{cap}={(cap == "ibs" || cap == "cfpc" || cap == "sbbc" ? "broken" : "off")}");
        Finding Warn(string text) => new()
        {
            Code = SpaprCapRule.TcgUnsupportedCode, Severity = Severity.Note, Message = text, QemuError = ["warning: " + text],
            Rule = "hw/ppc/spapr_caps.c cap_safe_*_apply / cap_ccf_assist_apply (TCG only warns)", Side = side,
        };
        if (tcg)
        {
            if (v >= SpaprCaps.All[0x00].Since && eff[0x00] != 0) yield return Fail("htm", "No Transactional Memory support in TCG", "Try appending -machine cap-htm=off", "hw/ppc/spapr_caps.c cap_htm_apply");
            if (v >= SpaprCaps.All[0x0B].Since && eff[0x0B] != 0) yield return Fail("rpt-invalidate", "No H_RPT_INVALIDATE support in TCG", "Try appending -machine cap-rpt-invalidate=off", "hw/ppc/spapr_caps.c cap_rpt_invalidate_apply");
            // TCG gained nested-HV in 7.0 (5.2 refuses it: tests/fixtures/probes/cap-probe-5.2-pseries-5.2.txt).
            if (v >= SpaprCaps.All[0x07].Since && !QemuChanges.In(v, "spapr.tcg-nested-hv") && eff[0x07] != 0)
                yield return Fail("nested-hv", "No Nested KVM-HV support in TCG", "Try appending -machine cap-nested-hv=off", "hw/ppc/spapr_caps.c cap_nested_kvm_hv_apply (≤6.2)");
            foreach (var (id, name) in new[] { (0x03, "cfpc"), (0x04, "sbbc"), (0x05, "ibs") })
            {
                if (v >= SpaprCaps.All[id].Since && eff[id] != 0) yield return Warn($"TCG doesn't support requested feature, cap-{name}={Describe(name, eff)}");
            }
            if (v >= SpaprCaps.All[0x09].Since && eff[0x09] != 0) yield return Warn("TCG doesn't support requested feature, cap-ccf-assist=on");
        }
        if (!tcg)
        {
            foreach (var f in CheckKvm(host, side, Fail)) yield return f;
        }
        if (v >= SpaprCaps.All[0x08].Since && eff[0x08] != 0 && !PpcCompatRules.CanReach(v, host.Power().Family, CompatMode.ByName("power9")!, host.Power().MaxCompat) && tcg)
            yield return Fail("large-decr", "Large decrementer only supported on POWER9, try -cpu POWER9", "Try appending -machine cap-large-decr=off", "hw/ppc/spapr_caps.c cap_large_decr_apply");
        if (v >= SpaprCaps.All[0x0E].Since && eff[0x0E] != 0 && !PpcCompatRules.CanReach(v, host.Power().Family, CompatMode.ByName("power10")!, host.Power().MaxCompat))
            yield return Fail("dawr1", "DAWR1 supported only on POWER10 and later CPUs", "Try appending -machine cap-dawr1=off", "hw/ppc/spapr_caps.c cap_dawr1_apply");
    }

    /// <summary>
    /// KVM: a requested level above what the host kernel offers stops QEMU (hw/ppc/spapr_caps.c cap_*_apply with
    /// target/ppc/kvm.c kvmppc_get_cap_*). The host's levels come from host facts <c>cap-NAME=LEVEL</c>; when a fact
    /// is missing Tern notes the assumption instead of guessing.
    /// </summary>
    private static IEnumerable<Finding> CheckKvm(ResolvedHost host, MigrationEnd side, Func<string, string, string, string, Finding> fail)
    {
        var eff = host.Power().CapEffective;
        var v = host.Version;
        var old = !QemuChanges.In(v, "spapr.cap-kvm-hint-separate"); // before 4.2 the hint was part of the message ("…, try cap-cfpc=broken")
        (int Id, string Cap, string Message, string OldMessage)[] checks =
        [
            (0x00, "htm", "KVM implementation does not support Transactional Memory", "KVM implementation does not support Transactional Memory, try cap-htm=off"),
            (0x03, "cfpc", "Requested safe cache capability level not supported by KVM", "Requested safe cache capability level not supported by kvm, try cap-cfpc={0}"),
            (0x04, "sbbc", "Requested safe bounds check capability level not supported by KVM", "Requested safe bounds check capability level not supported by kvm, try cap-sbbc={0}"),
            (0x05, "ibs", "Requested safe indirect branch capability level not supported by KVM", "Requested safe indirect branch capability level not supported by kvm, try cap-ibs={0}"),
            (0x08, "large-decr", "No large decrementer support", "No large decrementer support, try cap-large-decr=off"),
            (0x09, "ccf-assist", "Requested count cache flush assist capability level not supported by KVM", "Requested count cache flush assist capability level not supported by kvm, try appending -machine cap-ccf-assist=off"),
            (0x0A, "fwnmi", "Firmware Assisted Non-Maskable Interrupts(FWNMI) not supported by KVM.", "Firmware Assisted Non-Maskable Interrupts(FWNMI) not supported by KVM."),
            (0x07, "nested-hv", "KVM implementation does not support Nested-HV", "KVM implementation does not support Nested-HV, try cap-nested-hv=off"),
            (0x0B, "rpt-invalidate", "KVM implementation does not support H_RPT_INVALIDATE", "KVM implementation does not support H_RPT_INVALIDATE"),
            (0x0C, "ail-mode-3", "KVM implementation does not support cap-ail-mode-3", "KVM implementation does not support cap-ail-mode-3"),
            (0x0D, "nested-papr", "KVM implementation does not support Nested-PAPR", "KVM implementation does not support Nested-PAPR"),
            (0x0E, "dawr1", "DAWR1 not supported by KVM.", "DAWR1 not supported by KVM."),
        ];
        foreach (var (id, cap, message, oldMessage) in checks)
        {
            if (v < SpaprCaps.All[id].Since || eff[id] == 0) continue;
            if (id == 0x0D)
            {
                yield return fail(cap, message, $"Try appending -machine cap-{cap}=off", "hw/ppc/spapr_caps.c cap_nested_papr_apply (never with KVM)");
                continue;
            }
            if (!host.Spec.HostFacts.TryGetValue("cap-" + cap, out var hostValue)) continue;
            var hostLevel = SpaprCaps.All[id].Kind == SpaprCapKind.Bool ? (hostValue is "on" or "1" or "yes" ? 1 : 0) : SpaprCaps.All[id].ParseLevel(hostValue);
            // fixed-na (host 16) satisfies any ibs level; ccf-assist is allowed when the host's ibs is fixed-ccd.
            if (id == 0x05 && hostValue == "fixed-na") continue;
            if (id == 0x09 && host.Spec.HostFacts.GetValueOrDefault("cap-ibs") == "fixed-ccd") continue;
            if (eff[id] <= hostLevel) continue;
            var text = old ? string.Format(System.Globalization.CultureInfo.InvariantCulture, oldMessage, hostValue) : message;
            yield return fail(cap, text, $"Try appending -machine cap-{cap}={hostValue}", $"hw/ppc/spapr_caps.c cap_{cap.Replace('-', '_')}_apply (KVM host level from target/ppc/kvm.c)");
        }
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
