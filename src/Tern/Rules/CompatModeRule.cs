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

    /// <summary>tern check: the incoming compat mode is one the destination CPU does not support.</summary>
    public const string Code = "ppc-compat-unsupported";

    /// <summary>tern check: max-cpu-compat names no compat mode this QEMU knows.</summary>
    public const string UnknownCode = "compat-mode-unknown";

    /// <summary>tern check: the CPU model cannot run the compat mode max-cpu-compat asks for.</summary>
    public const string UnsupportedCode = "compat-mode-unsupported";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, UnknownCode, UnsupportedCode];
}
