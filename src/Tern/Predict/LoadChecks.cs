using System.Runtime.CompilerServices;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// What a VMSD description can make the destination check while loading, worked out once per description:
/// whether any field (nested ones included) has a load-time comparison (<c>*_EQUAL</c>, <c>int32 le</c>), and whether
/// any nested struct carries subsections. Bodies with neither (the 4096 irq states of ics, the spapr-xive tables)
/// are then skipped instead of walked element by element for every prediction.
/// </summary>
internal static class LoadChecks
{
    private sealed record Facts(bool ComparesFields, bool NestedSubsections);

    private static readonly ConditionalWeakTable<Vmsd, Facts> Known = [];

    /// <summary>True when loading a body of <paramref name="vmsd"/> compares some field with the destination's value.</summary>
    public static bool ComparesFields(Vmsd vmsd) => Of(vmsd).ComparesFields;

    /// <summary>True when a struct field of <paramref name="vmsd"/> (at any depth) carries subsections.</summary>
    public static bool NestedSubsections(Vmsd vmsd) => Of(vmsd).NestedSubsections;

    /// <summary>True when the field's type is compared with the destination's own value on load.</summary>
    public static bool IsCompared(string type) => type.EndsWith(" equal", StringComparison.Ordinal) || type == "int32 le";

    private static Facts Of(Vmsd vmsd) => Known.GetValue(vmsd, Compute);

    private static Facts Compute(Vmsd vmsd)
    {
        bool compares = false, nested = false;
        foreach (var f in vmsd.Fields)
        {
            if (f.Struct is { } s)
            {
                var inner = Of(s);
                compares |= inner.ComparesFields;
                nested |= s.Subsections.Count > 0 || inner.NestedSubsections;
            }
            else if (IsCompared(f.WireType)) compares = true;
        }
        return new Facts(compares, nested);
    }
}
