using Tern.Predict;
using Tern.Rules;

namespace Tern.Targets.Ppc64;

/// <summary>
/// hw/ppc/spapr_caps.c <c>spapr_caps_pre_load</c> + <c>spapr_caps_post_migration</c>: a cap not in the stream is
/// assumed at the destination's default; a level higher than the destination's effective level fails, a lower one warns.
/// </summary>
public static class SpaprCapsLoad
{
    /// <summary>hw/ppc/spapr.c vmstate_spapr: <c>minimum_version_id</c> (as 10.2+ prints it when post_load fails).</summary>
    private const uint MinimumVersion = 1;

    /// <summary>Findings for the incoming <c>spapr</c> section (<paramref name="localVersion"/>: the destination's <c>spapr</c> version).</summary>
    public static IEnumerable<Finding> Check(DeviceSection spapr, uint localVersion, ResolvedHost d, QemuMessages m)
    {
        ArgumentNullException.ThrowIfNull(spapr);
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(m);
        foreach (var cap in SpaprCaps.All)
        {
            if (!SpaprCaps.Exists(d.Version, cap)) continue;
            var sub = spapr.Body.Subsection(cap.Subsection);
            var src = sub is not null ? (int)(sub.Body.Fields.FirstOrDefault()?.AsUInt64() ?? 0) : d.Power().CapDefaults[cap.Id];
            var dst = d.Power().CapEffective[cap.Id];
            var evidence = new Evidence
            {
                Section = "spapr", Subsection = sub is null ? null : cap.Subsection, Field = cap.Property,
                SourceValue = src + (sub is null ? " (not in the stream: the destination assumes its own default)" : ""),
                DestinationValue = dst.ToString(System.Globalization.CultureInfo.InvariantCulture), Offset = spapr.Offset,
            };
            if (src > dst)
            {
                yield return Loader.Fatal(SpaprCapRule.LevelCode,
                    $"{cap.Property}: the source's level {src} is higher than the destination's {dst}",
                    m.PostLoadRefused(spapr.InstanceId, "spapr", localVersion, MinimumVersion, -22, "Invalid argument", $"{cap.Property} higher level ({src}) in incoming stream than on destination ({dst})"),
                    "hw/ppc/spapr_caps.c spapr_caps_post_migration", evidence,
                    $"start the destination with -machine {cap.Property}={Level(cap, src)} (or the source with {cap.Property}={Level(cap, dst)})");
            }
            else if (src < dst)
            {
                yield return new Finding
                {
                    Code = SpaprCapRule.LowerCode,
                    Severity = Severity.Warning,
                    Message = $"{cap.Property}: the source's level {src} is lower than the destination's {dst}; the guest keeps running with the lower level",
                    QemuError = [$"warning: {cap.Property} lower level ({src}) in incoming stream than on destination ({dst})"],
                    Rule = "hw/ppc/spapr_caps.c spapr_caps_post_migration",
                    Evidence = evidence,
                };
            }
        }
    }

    private static string Level(SpaprCap cap, int level) => cap.Kind switch
    {
        SpaprCapKind.Bool => level != 0 ? "on" : "off",
        SpaprCapKind.Tristate => level switch { 0 => "broken", 1 => "workaround", _ => "fixed" },
        SpaprCapKind.Ibs => level switch { 0 => "broken", 1 => "workaround", 2 => "fixed-ibs", 3 => "fixed-ccd", _ => "fixed-na" },
        _ => $"{(1UL << level) >> 10}K",
    };
}
