using System.Text.RegularExpressions;
using Tern.Knowledge.Profiles;

namespace Tern.Targets.Ppc64;

/// <summary>
/// What <c>tern profile</c> learns of a POWER build beyond QMP: the PVRs and aliases <c>-cpu help</c> prints
/// (target/ppc/cpu_init.c, translate_init.c before 6.0, ppc_cpu_list: <c>PowerPC NAME PVR XXXXXXXX</c> and
/// <c>PowerPC NAME (alias for TARGET)</c>; newer builds drop the <c>PowerPC</c>),
/// which models pseries runs, and the spapr caps a sample records.
/// </summary>
internal static partial class PpcProfiling
{
    /// <summary>hw/ppc/spapr_caps.c: every capability is a machine property <c>cap-NAME</c>.</summary>
    internal const string CapPropertyPrefix = "cap-";

    /// <summary>pseries takes the 64-bit server CPUs (POWER5+ … POWER11), each with a PVR; not the PowerQUICC embedded cores.</summary>
    internal static bool IsSampled(ProfileCpuModel model) =>
        model.Name.StartsWith("power", StringComparison.Ordinal) && model.Pvr is not null
        && !model.Name.StartsWith("powerquicc", StringComparison.Ordinal);

    /// <summary><paramref name="models"/> with the PVRs and aliases of <paramref name="cpuHelp"/>, by name.</summary>
    internal static IReadOnlyList<ProfileCpuModel> WithCpuHelp(IReadOnlyList<ProfileCpuModel> models, IEnumerable<string> cpuHelp)
    {
        var byName = new Dictionary<string, ProfileCpuModel>(StringComparer.Ordinal);
        foreach (var m in models) byName[m.Name] = m;
        foreach (var line in cpuHelp)
        {
            if (PvrLine().Match(line) is { Success: true } pvr)
            {
                var name = pvr.Groups[1].Value;
                byName[name] = (byName.GetValueOrDefault(name) ?? new ProfileCpuModel { Name = name }) with { Pvr = "0x" + pvr.Groups[2].Value.ToLowerInvariant() };
            }
            else if (AliasLine().Match(line) is { Success: true } alias)
            {
                var name = alias.Groups[1].Value;
                byName[name] = (byName.GetValueOrDefault(name) ?? new ProfileCpuModel { Name = name }) with { AliasOf = alias.Groups[2].Value };
            }
        }
        return [.. byName.Values.OrderBy(m => m.Name, StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^\s*(?:PowerPC\s+)?(\S+)\s+PVR\s+([0-9a-fA-F]{8})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex PvrLine();

    [GeneratedRegex(@"^\s*(?:PowerPC\s+)?(\S+)\s+\(alias for (\S+)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex AliasLine();
}
