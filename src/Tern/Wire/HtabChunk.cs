namespace Tern.Wire;

/// <summary>One chunk of a spapr/htab body (hw/ppc/spapr.c <c>htab_save_*</c>, <c>htab_load</c>).</summary>
/// <param name="Index">The first HPTE index.</param>
/// <param name="ValidCount">Number of valid HPTEs that follow (16 bytes each).</param>
/// <param name="InvalidCount">Number of HPTEs after them to clear.</param>
public readonly record struct HtabChunk(uint Index, ushort ValidCount, ushort InvalidCount)
{
    /// <summary>Size of one hashed page table entry on the wire (HASH_PTE_SIZE_64).</summary>
    public const int HptEntrySize = 16;
}
