namespace Tern.Wire;

/// <summary>One entry of a RAM MEM_SIZE block list (migration/ram.c, <c>ram_save_setup</c>).</summary>
/// <param name="Name">The RAMBlock idstr, e.g. <c>ppc_spapr.ram</c>, <c>/rom@etc/acpi/tables</c>.</param>
/// <param name="UsedLength">The block's used length in bytes.</param>
/// <param name="PageSize">The block's page size, present only for postcopy with a non-default page size.</param>
/// <param name="MemoryRegionAddress">The block's GPA, present with the x-ignore-shared capability (4.0+).</param>
/// <param name="MappedRam">The mapped-ram header, present with the mapped-ram capability (9.0+).</param>
public sealed record RamBlockInfo(
    string Name,
    ulong UsedLength,
    ulong? PageSize = null,
    ulong? MemoryRegionAddress = null,
    MappedRamHeader? MappedRam = null);
