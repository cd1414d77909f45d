using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

// The first records of the ram section of a real QEMU 7.2 virt stream (256 MiB guest, tests/fixtures/README.md).
public sealed class RamRecordParserTests
{
    private static readonly byte[] Virt = Fixtures.StreamBytes("same-7.2-virt-a57");
    private static readonly int RamBody = UnitTruncation.Find(Virt, "\u0003ram"u8) - 5 + 17;

    [Fact]
    public void The_first_ram_record_is_MEM_SIZE_and_takes_8_bytes()
    {
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, RamBody, 8, b => RamRecordParser.TryReadHeader(b, 4096, out _, out _));
        RamRecordParser.TryReadHeader(Virt.AsSpan(RamBody), 4096, out var total, out var flags);
        Assert.Equal(RamPageFlags.MemSize, flags);
        Assert.Equal(0UL, total % 4096);
        Assert.True(total > 256UL << 20, "the total covers the 256 MiB of RAM and the flash and ROM blocks");
    }

    [Fact]
    public void The_first_MEM_SIZE_entry_is_the_guest_RAM()
    {
        // u8 13, "mach-virt.ram", be64 used length.
        var at = RamBody + 8;
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, at, 1 + 13 + 8, b => RamRecordParser.TryReadMemSizeEntry(b, false, out _));
        RamRecordParser.TryReadMemSizeEntry(Virt.AsSpan(at), false, out var block);
        Assert.Equal(new RamBlockInfo("mach-virt.ram", 256UL << 20), block);
        // With x-ignore-shared the entry carries 8 more bytes (the block's address), so it is 8 bytes longer.
        Assert.Equal(1 + 13 + 8 + 8, RamRecordParser.TryReadMemSizeEntry(Virt.AsSpan(at), true, out _).Consumed);
    }

    [Fact]
    public void A_block_id_is_u8_counted_and_its_bytes_are_returned_in_place()
    {
        var at = RamBody + 8;
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, at, 1 + 13, b => RamRecordParser.TryReadBlockId(b, out _));
        RamRecordParser.TryReadBlockId(Virt.AsSpan(at), out var id);
        Assert.Equal("mach-virt.ram"u8.ToArray(), id.ToArray());
        Assert.Equal("Can't find block : empty RAM block id", RamRecordParser.TryReadBlockId([0, 1, 2], out _).Message);
    }

    [Fact]
    public void The_page_size_splits_offset_and_flags()
    {
        // A PAGE (0x08) of block-relative offset 0x3000 with CONTINUE (0x20), at 4 KiB and at 64 KiB pages.
        byte[] header = [0, 0, 0, 0, 0, 0, 0x30, 0x28];
        RamRecordParser.TryReadHeader(header, 4096, out var offset, out var flags);
        Assert.Equal((0x3000UL, RamPageFlags.Page | RamPageFlags.Continue), (offset, flags));
        RamRecordParser.TryReadHeader(header, 65536, out offset, out flags);
        Assert.Equal(0UL, offset);
        Assert.Equal((RamPageFlags)0x3028, flags);
    }

    [Fact]
    public void XBZRLE_and_compressed_headers_are_checked_as_QEMU_checks_them()
    {
        Assert.Equal("Failed to load XBZRLE page - wrong compression!", RamRecordParser.TryReadXbzrleHeader([2, 0, 1], 4096, out _, out _).Message);
        Assert.Equal("Failed to load XBZRLE page - len overflow!", RamRecordParser.TryReadXbzrleHeader([1, 0x10, 0x01], 4096, out _, out _).Message);
        var ok = RamRecordParser.TryReadXbzrleHeader([1, 0x10, 0x00], 4096, out var encoding, out var length);
        Assert.Equal((3, (byte)1, (ushort)4096), (ok.Consumed, encoding, length));
        // zlib's compressBound(4096) is 4096 + 1 + 0 + 0 + 13 = 4110 (migration/ram.c before 9.1).
        Assert.False(RamRecordParser.TryReadCompressedLength([0, 0, 0x10, 0x0e], 4096, out _).IsInvalid);
        Assert.Equal("Invalid compressed data length: 4111", RamRecordParser.TryReadCompressedLength([0, 0, 0x10, 0x0f], 4096, out _).Message);
    }
}
