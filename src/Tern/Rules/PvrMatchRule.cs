namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.PvrMatch"/>: the incoming raw PVR must pass the destination CPU class's pvr_match unless both ends share a compat mode (pseries-2.10+), and KVM-HV forces the host's PVR. Decided by <c>Targets.Ppc64.PpcCpuLoad</c>.
/// </summary>
public static class PvrMatchRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.PvrMatch;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "target/ppc/machine.c cpu_post_load, ppc_pvr_match_*; target/ppc/kvm.c kvmppc_pvr_workaround_required";

    /// <summary>tern check: the incoming PVR fails the destination CPU class's pvr_match.</summary>
    public const string Code = "ppc-pvr-mismatch";

    /// <summary>tern check: KVM-HV forces the host PVR onto the guest.</summary>
    public const string KvmHvRewriteCode = "ppc-kvm-hv-pvr-rewrite";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, KvmHvRewriteCode];
}
