using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Ppc64;

/// <summary>A spapr cap that changes level across the migration without QEMU saying so.</summary>
internal static class SpaprSilentCapChange
{
    /// <summary>
    /// Tern's own check beyond QEMU's (compat-rules §1.6): a cap the source does not send is assumed at the destination's
    /// default; if the source really ran at another level, the guest sees a change that QEMU never reports.
    /// </summary>
    public static IEnumerable<Finding> Check(ResolvedHost s, ResolvedHost d, StreamModel incoming)
    {
        var spapr = incoming.Device("spapr");
        if (spapr is null) yield break;
        foreach (var cap in SpaprCaps.All)
        {
            if (!SpaprCaps.Exists(s.Version, cap) || !SpaprCaps.Exists(d.Version, cap)) continue;
            if (spapr.Body.Subsection(cap.Subsection) is not null) continue;
            if (s.Power().CapEffective[cap.Id] == d.Power().CapDefaults[cap.Id]) continue;
            yield return new Finding
            {
                Code = GuestVisibleChangeRule.SilentCapCode,
                Severity = Severity.Warning,
                Message = $"{cap.Property}: the source runs at level {s.Power().CapEffective[cap.Id]} but does not send it (it is the source's default); the destination assumes its own default {d.Power().CapDefaults[cap.Id]} — a change the guest can see and QEMU does not report",
                Rule = "hw/ppc/spapr_caps.c spapr_cap_*_needed (only command-line values that differ from the default are sent) + spapr_caps_pre_load",
                Evidence = new Evidence { Section = "spapr", Field = cap.Property, SourceValue = s.Power().CapEffective[cap.Id].ToString(System.Globalization.CultureInfo.InvariantCulture), DestinationValue = d.Power().CapDefaults[cap.Id].ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Remedy = $"set {cap.Property} explicitly to the same value on both ends",
                Confidence = FindingConfidence.Inferred,
            };
        }
    }
}
