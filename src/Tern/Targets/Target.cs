using Tern.Platforms;
using Tern.Targets.Aarch64;
using Tern.Targets.Ppc64;

namespace Tern.Targets;

/// <summary>The targets Tern models; adding an architecture is adding its folder and one line here.</summary>
public static class Target
{
    /// <summary>Every target Tern models, in the order messages name them.</summary>
    public static IReadOnlyList<ITarget> All { get; } = [new Ppc64Target(), new Aarch64Target()];

    /// <summary>The target for <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An architecture Tern does not model.</exception>
    public static ITarget For(Architecture architecture)
    {
        foreach (var t in All)
            if (t.Architecture == architecture) return t;
        throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "not a target Tern models");
    }

    /// <summary>The target whose machine type <paramref name="machine"/> is (e.g. pseries-7.2: Ppc64), or null for a machine Tern does not model.</summary>
    public static ITarget? ForMachine(string? machine)
    {
        if (machine is null) return null;
        foreach (var t in All)
            if (t.OwnsMachine(machine)) return t;
        return null;
    }
}
