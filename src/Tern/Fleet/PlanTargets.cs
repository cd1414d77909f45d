using System.Collections;
using Tern.Predict;

namespace Tern.Fleet;

/// <summary>
/// A VM's targets without a record per pair: every host of the target but its own, with the verdicts of its class
/// (shared by every VM of the same configuration on the same kind of host). A fleet of 10⁷ pairs holds one verdict
/// array per class, not 10⁷ objects.
/// </summary>
internal sealed class PlanTargets(FleetHost[] hosts, int[] hostClass, int own, Verdict[] forward, Verdict[] back) : IReadOnlyList<PlanTarget>
{
    public int Count => hosts.Length - 1;

    public PlanTarget this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var i = index < own ? index : index + 1;
            return new PlanTarget(hosts[i].Name, forward[hostClass[i]], back[hostClass[i]]);
        }
    }

    public IEnumerator<PlanTarget> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
