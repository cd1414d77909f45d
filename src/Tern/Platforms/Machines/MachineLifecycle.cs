namespace Tern.Platforms.Machines;

/// <summary>
/// QEMU's versioned machine-type policy (include/hw/boards.h <c>MACHINE_VER_DEPRECATION_MAJOR</c> /
/// <c>MACHINE_VER_DELETION_MAJOR</c>, <c>_MACHINE_VER_IS_EXPIRED_IMPL</c>): a machine type MAJOR.MINOR is deprecated
/// from release MAJOR+<see cref="DeprecationMajor"/>.MINOR and may be deleted from release
/// MAJOR+<see cref="DeletionMajor"/>.MINOR. The numbers are data (<c>qemu-changes.json</c> <c>machineLifecycle</c>).
/// </summary>
/// <param name="DeprecationMajor">Major releases after which a versioned machine type is deprecated.</param>
/// <param name="DeletionMajor">Major releases after which it is subject to deletion.</param>
/// <param name="Since">The first QEMU release that applies the policy by itself (earlier releases deprecate by hand).</param>
/// <param name="Source">Where the policy is written.</param>
public sealed record MachineLifecycle(int DeprecationMajor, int DeletionMajor, QemuVersion Since, string Source)
{
    /// <summary>The policy as <c>qemu-changes.json</c> states it.</summary>
    public static MachineLifecycle Current => QemuChanges.MachineLifecycle;

    /// <summary>The first release in which <paramref name="machine"/> is deprecated by the policy.</summary>
    public QemuVersion DeprecatedFrom(MachineType machine) => new(machine.Major + DeprecationMajor, machine.Minor, 0);

    /// <summary>The first release from which the policy allows <paramref name="machine"/> to be deleted.</summary>
    public QemuVersion DeletableFrom(MachineType machine) => new(machine.Major + DeletionMajor, machine.Minor, 0);

    /// <summary>True when QEMU <paramref name="qemu"/> deprecates <paramref name="machine"/> by the policy (only from <see cref="Since"/>).</summary>
    public bool IsDeprecatedIn(MachineType machine, QemuVersion qemu) => qemu >= Since && Expired(DeprecationMajor, machine, qemu);

    /// <summary>True when the policy allows QEMU <paramref name="qemu"/> to have deleted <paramref name="machine"/>.</summary>
    public bool IsDeletableIn(MachineType machine, QemuVersion qemu) => qemu >= Since && Expired(DeletionMajor, machine, qemu);

    // _MACHINE_VER_IS_EXPIRED_IMPL(cutoff, major, minor).
    private static bool Expired(int cutoff, MachineType m, QemuVersion q) =>
        q.Major - m.Major > cutoff || (q.Major - m.Major == cutoff && q.Minor - m.Minor >= 0);
}
