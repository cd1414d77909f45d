namespace Tern.Platforms;

/// <summary>The accelerator a QEMU runs under; KVM on POWER comes in two kinds that migrate differently.</summary>
public enum Accelerator
{
    /// <summary>TCG, software emulation.</summary>
    Tcg,
    /// <summary>KVM; on POWER the kind (HV or PR) comes from the host facts.</summary>
    Kvm,
    /// <summary>KVM-HV (POWER hypervisor mode).</summary>
    KvmHv,
    /// <summary>KVM-PR (POWER problem-state mode).</summary>
    KvmPr,
}
