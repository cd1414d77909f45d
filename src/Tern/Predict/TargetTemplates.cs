using Tern.Knowledge;
using Tern.Platforms;

namespace Tern.Predict;

/// <summary>
/// The templates of a QEMU version that belong to one target: streams of that target's own machine types. A version's
/// embedded templates are every target's, and one target's subsections taken for another's would make a subsection the
/// destination does not know look known (a false "compatible").
/// </summary>
internal static class TargetTemplates
{
    /// <summary><paramref name="profile"/>'s templates of machine types <paramref name="arch"/>'s target owns.</summary>
    public static IEnumerable<StreamTemplate> Of(QemuProfile profile, Architecture arch)
    {
        var target = Targets.Target.For(arch);
        foreach (var t in profile.TemplatesFor(arch))
            if (t.Source.Machine is { } machine && target.OwnsMachine(machine)) yield return t;
    }
}
