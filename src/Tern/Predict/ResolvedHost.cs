using Tern.Knowledge;
using Tern.Platforms;
using Tern.Platforms.Machines;

namespace Tern.Predict;

/// <summary>A host spec resolved against its QEMU version's facts: concrete machine type, CPU model, accelerator, and what its target adds (POWER: PVR, compat mode, caps).</summary>
public sealed class ResolvedHost
{
    /// <summary>The spec as given.</summary>
    public required HostSpec Spec { get; init; }
    /// <summary>The QEMU version's facts.</summary>
    public required QemuProfile Profile { get; init; }
    /// <summary>The target.</summary>
    public required Architecture Architecture { get; init; }
    /// <summary>The versioned machine type (alias resolved).</summary>
    public required string Machine { get; init; }
    /// <summary>The parsed machine type.</summary>
    public required MachineType MachineType { get; init; }
    /// <summary>The CPU model (alias resolved).</summary>
    public required string Cpu { get; init; }
    /// <summary>What the target resolved besides (POWER: <c>Targets.Ppc64.PowerFacts</c>), or null.</summary>
    public ITargetFacts? TargetFacts { get; init; }
    /// <summary>The accelerator after host facts (KVM becomes KVM-HV or KVM-PR on POWER).</summary>
    public Accelerator Accelerator { get; init; }
    /// <summary>The QEMU version.</summary>
    public QemuVersion Version => Profile.Version;
    /// <summary>The QEMU binary name, used as the prefix of its messages.</summary>
    public string Binary => Targets.Target.For(Architecture).Binary;
}
