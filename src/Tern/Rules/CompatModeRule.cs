namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.CompatMode"/>: an incoming compat PVR must be one the destination CPU supports (<c>cpu/compat</c>, QEMU 2.10+). Decided by <c>Targets.Ppc64.PpcCpuLoad</c>.
/// </summary>
public static class CompatModeRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.CompatMode;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "target/ppc/machine.c cpu_post_load → ppc_set_compat; target/ppc/compat.c";
}
