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
}
