using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// The span core for the records of a RAM section body (migration/ram.c ram_load_precopy): the be64 addr|flags
/// header, the block id, the per-kind headers and the MEM_SIZE block entries. Each is its own unit, as QEMU reads
/// them one after the other; page data is never touched here (it stays a payload).
/// </summary>
internal static class RamRecordParser
{
    /// <summary>The be64 header: the page-aligned offset, and the flags in the bits below the page size.</summary>
    public static ParseStatus TryReadHeader(ReadOnlySpan<byte> window, int pageSize, out ulong offset, out RamPageFlags flags)
    {
        if (window.Length < 8)
        {
            offset = 0;
            flags = 0;
            return ParseStatus.NeedMore(8, "a RAM record header (be64 addr|flags)");
        }
        var addrFlags = BinaryPrimitives.ReadUInt64BigEndian(window);
        var mask = (ulong)pageSize - 1;
        flags = (RamPageFlags)(addrFlags & mask);
        offset = addrFlags & ~mask;
        return ParseStatus.Done(8);
    }

    /// <summary>A u8-counted RAM block id; <paramref name="id"/> is its bytes (a slice of <paramref name="window"/>).</summary>
    public static ParseStatus TryReadBlockId(ReadOnlySpan<byte> window, out ReadOnlySpan<byte> id)
    {
        id = default;
        if (window.Length < 1) return ParseStatus.NeedMore(1, "a RAM block id");
        var len = window[0];
        if (len == 0) return ParseStatus.Invalid("Can't find block : empty RAM block id");
        if (window.Length < 1 + len) return ParseStatus.NeedMore(1 + len, "a RAM block id");
        id = window.Slice(1, len);
        return ParseStatus.Done(1 + len);
    }

    /// <summary>The fill byte that follows a ZERO record's block id.</summary>
    public static ParseStatus TryReadFillByte(ReadOnlySpan<byte> window, out byte fill)
    {
        fill = 0;
        if (window.Length < 1) return ParseStatus.NeedMore(1, "the fill byte of a ZERO page");
        fill = window[0];
        return ParseStatus.Done(1);
    }

    /// <summary>An XBZRLE header: the encoding byte (0x01) and the be16 length of the encoded data, at most a page.</summary>
    public static ParseStatus TryReadXbzrleHeader(ReadOnlySpan<byte> window, int pageSize, out byte encoding, out ushort length)
    {
        encoding = 0;
        length = 0;
        if (window.Length < 3) return ParseStatus.NeedMore(3, "an XBZRLE header");
        if (window[0] != 0x01) return ParseStatus.Invalid("Failed to load XBZRLE page - wrong compression!");
        var len = BinaryPrimitives.ReadUInt16BigEndian(window[1..]);
        if (len > pageSize) return ParseStatus.Invalid("Failed to load XBZRLE page - len overflow!");
        encoding = window[0];
        length = len;
        return ParseStatus.Done(3);
    }

    /// <summary>A COMPRESS_PAGE's be32 length, at most zlib's compressBound(TARGET_PAGE_SIZE) as QEMU ≤9.0 checks.</summary>
    public static ParseStatus TryReadCompressedLength(ReadOnlySpan<byte> window, int pageSize, out uint length)
    {
        length = 0;
        if (window.Length < 4) return ParseStatus.NeedMore(4, "a compressed page length");
        var len = BinaryPrimitives.ReadUInt32BigEndian(window);
        var bound = (ulong)pageSize + ((ulong)pageSize >> 12) + ((ulong)pageSize >> 14) + ((ulong)pageSize >> 25) + 13;
        if (len > bound) return ParseStatus.Invalid($"Invalid compressed data length: {len}");
        length = len;
        return ParseStatus.Done(4);
    }

    /// <summary>
    /// One MEM_SIZE block entry: u8-counted idstr, be64 used length, and with x-ignore-shared
    /// (<paramref name="ignoreShared"/>) the be64 memory region address.
    /// </summary>
    public static ParseStatus TryReadMemSizeEntry(ReadOnlySpan<byte> window, bool ignoreShared, out RamBlockInfo? block)
    {
        block = null;
        if (window.Length < 1) return ParseStatus.NeedMore(1, "a MEM_SIZE block id");
        var len = window[0];
        if (len == 0) return ParseStatus.Invalid("MEM_SIZE: empty RAM block id");
        var total = 1 + len + 8 + (ignoreShared ? 8 : 0);
        if (window.Length < total) return ParseStatus.NeedMore(total, "a MEM_SIZE block entry");
        var idBytes = window.Slice(1, len);
        if (!WireName.TryDecode(idBytes, out var name)) return ParseStatus.Invalid(WireName.NotUtf8(idBytes, "a MEM_SIZE block id"));
        var used = BinaryPrimitives.ReadUInt64BigEndian(window.Slice(1 + len, 8));
        ulong? mr = ignoreShared ? BinaryPrimitives.ReadUInt64BigEndian(window.Slice(9 + len, 8)) : null;
        block = new RamBlockInfo(name, used, null, mr);
        return ParseStatus.Done(total);
    }
}
