namespace Tern.Wire;

/// <summary>What the <see cref="MigrationStreamReader"/> is positioned on.</summary>
public enum MigrationRecordKind
{
    /// <summary>Before the first <see cref="MigrationStreamReader.Read"/>.</summary>
    None,
    /// <summary>The 8-byte file header (magic and version).</summary>
    FileHeader,
    /// <summary>The configuration section (machine type and its subsections).</summary>
    Configuration,
    /// <summary>A section header: START, PART, END or FULL. Its body records follow.</summary>
    SectionHeader,
    /// <summary>A RAM MEM_SIZE record with its block list.</summary>
    RamMemSize,
    /// <summary>A RAM ZERO record (a page filled with one byte).</summary>
    RamZero,
    /// <summary>A RAM PAGE record; the payload is the page.</summary>
    RamPage,
    /// <summary>A RAM XBZRLE record; the payload is the encoded delta.</summary>
    RamXbzrle,
    /// <summary>A RAM COMPRESS_PAGE record (≤9.0); the payload is the zlib data.</summary>
    RamCompressedPage,
    /// <summary>A RAM MULTIFD_FLUSH record.</summary>
    RamMultifdFlush,
    /// <summary>A RAM HOOK record (RDMA only).</summary>
    RamHook,
    /// <summary>A RAM EOS record: the end of this RAM section body.</summary>
    RamEos,
    /// <summary>The be32 header of a spapr/htab section body.</summary>
    HtabHeader,
    /// <summary>One spapr/htab chunk (index, valid and invalid counts); the payload is the valid HPTEs.</summary>
    HtabChunk,
    /// <summary>The all-zero end marker of a spapr/htab body.</summary>
    HtabEnd,
    /// <summary>A device's VMState body, framed but not decoded; the payload is the body.</summary>
    DeviceState,
    /// <summary>A section footer (0x7e + section id).</summary>
    SectionFooter,
    /// <summary>A QEMU_VM_COMMAND; the payload is the command data.</summary>
    Command,
    /// <summary>QEMU_VM_EOF.</summary>
    Eof,
    /// <summary>The JSON vmdesc trailer; the payload is the JSON text.</summary>
    VmDescription,
}
