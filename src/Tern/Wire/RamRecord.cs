namespace Tern.Wire;

/// <summary>The header of one RAM record.</summary>
/// <param name="Offset">The byte offset inside the RAM block (for MEM_SIZE: the total size of all blocks).</param>
/// <param name="Flags">The flags exactly as sent, including <see cref="RamPageFlags.Continue"/>.</param>
/// <param name="BlockName">The block the record applies to (resolved from the last block when CONTINUE is set); null for records without a block.</param>
/// <param name="FillByte">For ZERO records, the fill byte (always 0 in current QEMU).</param>
/// <param name="Encoding">For XBZRLE records, the encoding flag byte (0x01).</param>
public readonly record struct RamRecord(ulong Offset, RamPageFlags Flags, string? BlockName, byte FillByte = 0, byte Encoding = 0)
{
    /// <summary>True when the record carries its block id on the wire (CONTINUE clear and a page-type record).</summary>
    public bool HasBlockId => (Flags & RamPageFlags.Continue) == 0 &&
        (Flags & (RamPageFlags.Zero | RamPageFlags.Page | RamPageFlags.Xbzrle | RamPageFlags.CompressPage)) != 0;
}
