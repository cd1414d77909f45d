using Tern.Platforms;
using Tern.Targets.Aarch64;
using Tern.Targets.Ppc64;

namespace Tern.Targets;

/// <summary>The targets Tern models; adding an architecture is adding its folder and one line here.</summary>
public static class Target
{
    private static readonly ITarget[] All = [new Ppc64Target(), new Aarch64Target()];

    /// <summary>The target for <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An architecture Tern does not model.</exception>
    public static ITarget For(Architecture architecture) =>
        Array.Find(All, t => t.Architecture == architecture) ?? throw new ArgumentOutOfRangeException(nameof(architecture), architecture, "not a target Tern models");
}
