using Tern.Predict;

namespace Tern.Targets.Ppc64;

/// <summary>The POWER facts of a resolved host, as the POWER rules read them.</summary>
public static class PowerHost
{
    /// <summary><paramref name="host"/>'s <see cref="PowerFacts"/>, or <see cref="PowerFacts.None"/> before they are resolved.</summary>
    public static PowerFacts Power(this ResolvedHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.TargetFacts as PowerFacts ?? PowerFacts.None;
    }
}
