using System.Text.RegularExpressions;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;

namespace Tern.Lab.Compat;

/// <summary>Which machine types and CPU models a compat run covers.</summary>
public static partial class CompatPlanner
{
    /// <summary>
    /// The versioned machine types of the arch's family (<c>pseries-X.Y</c>, <c>virt-X.Y</c>) that both profiles
    /// register and could start under TCG with their default CPU, oldest first.
    /// </summary>
    public static IReadOnlyList<string> CommonMachines(HostProfile old, HostProfile @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var runnable = Runnable(@new);
        return Runnable(old).Where(runnable.Contains).OrderBy(VersionOf, VersionLabelComparer.Instance).ToList();
    }

    /// <summary>CPU models both profiles sampled without error (the stable CPU models the comparison can speak for).</summary>
    public static IReadOnlyList<string> CommonCpus(HostProfile old, HostProfile @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        static HashSet<string> Of(HostProfile p) => p.Samples.Where(s => s.Cpu is not null && s.Error is null).Select(s => s.Cpu!).ToHashSet(StringComparer.Ordinal);
        var n = Of(@new);
        return Of(old).Where(n.Contains).Order(StringComparer.Ordinal).ToList();
    }

    private static HashSet<string> Runnable(HostProfile p)
    {
        var refused = p.Samples.Where(s => s.Cpu is null && s.Error is not null).Select(s => s.Machine).ToHashSet(StringComparer.Ordinal);
        return p.Machines.Where(m => Versioned().IsMatch(m.Name) && !refused.Contains(m.Name)).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
    }

    private static string VersionOf(string machine) => Versioned().Match(machine).Groups[1].Value;

    [GeneratedRegex(@"^(?:pseries|virt)-(\d+\.\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();
}
