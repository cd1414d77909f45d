namespace Tern.Wire;

/// <summary>Flags in the low bits of a RAM record's be64 <c>addr_flags</c> (migration/ram.c, RAM_SAVE_FLAG_*).</summary>
[Flags]
public enum RamPageFlags : ushort
{
    /// <summary>No flag.</summary>
    None = 0,
    /// <summary>RAM_SAVE_FLAG_FULL: obsolete since 2009, never sent.</summary>
    Full = 0x001,
    /// <summary>RAM_SAVE_FLAG_ZERO (COMPRESS before 2.10): a page filled with one byte.</summary>
    Zero = 0x002,
    /// <summary>RAM_SAVE_FLAG_MEM_SIZE: the block list; the address field carries the total size.</summary>
    MemSize = 0x004,
    /// <summary>RAM_SAVE_FLAG_PAGE: a whole target page follows.</summary>
    Page = 0x008,
    /// <summary>RAM_SAVE_FLAG_EOS: end of this RAM section's body.</summary>
    Eos = 0x010,
    /// <summary>RAM_SAVE_FLAG_CONTINUE: no block id follows; the last block of this channel is meant.</summary>
    Continue = 0x020,
    /// <summary>RAM_SAVE_FLAG_XBZRLE: a delta-encoded page.</summary>
    Xbzrle = 0x040,
    /// <summary>RAM_SAVE_FLAG_HOOK: RDMA control data; never in file or socket streams.</summary>
    Hook = 0x080,
    /// <summary>RAM_SAVE_FLAG_COMPRESS_PAGE: a zlib-compressed page (QEMU 9.0 and older).</summary>
    CompressPage = 0x100,
    /// <summary>RAM_SAVE_FLAG_MULTIFD_FLUSH: end of one multifd round (8.1+).</summary>
    MultifdFlush = 0x200,
}
