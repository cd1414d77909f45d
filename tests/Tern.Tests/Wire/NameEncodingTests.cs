using System.Buffers.Binary;
using Tern.Wire;

namespace Tern.Tests.Wire;

/// <summary>
/// Names on the wire (section idstr, RAM block ids) are kept as strings and written back from them, so bytes that
/// are not UTF-8 are refused where they are read, instead of coming back as U+FFFD (found by the roundtrip fuzz target).
/// </summary>
public sealed class NameEncodingTests
{
    private static readonly byte[] BadName = [(byte)'p', (byte)'p', 0xff, (byte)'c'];

    // QEVM v3, a START 'ram' section (id 2, version 4) and a MEM_SIZE record for one 4 KiB block called blockName.
    private static byte[] RamStream(byte[] memSizeName, byte[]? pageBlockName = null)
    {
        var s = new List<byte>();
        void U32(uint v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, v); s.AddRange(b); }
        void U64(ulong v) { var b = new byte[8]; BinaryPrimitives.WriteUInt64BigEndian(b, v); s.AddRange(b); }
        U32(MigrationStreamReader.FileMagic);
        U32(MigrationStreamReader.FileVersion);
        s.Add((byte)SectionType.Start);
        U32(2);
        s.Add(3);
        s.AddRange("ram"u8.ToArray());
        U32(0);
        U32(4);
        U64(0x1000 | (ulong)RamPageFlags.MemSize);
        s.Add((byte)memSizeName.Length);
        s.AddRange(memSizeName);
        U64(0x1000);
        if (pageBlockName is not null)
        {
            U64((ulong)RamPageFlags.Zero);
            s.Add((byte)pageBlockName.Length);
            s.AddRange(pageBlockName);
            s.Add(0);
        }
        U64((ulong)RamPageFlags.Eos);
        s.Add((byte)SectionType.Eof);
        return [.. s];
    }

    private static MigrationStreamException ReadAll(byte[] stream) =>
        Assert.Throws<MigrationStreamException>(() =>
        {
            using var reader = new MigrationStreamReader(new MemoryStream(stream));
            while (reader.Read()) { }
        });

    [Fact]
    public void The_well_formed_stream_of_these_tests_reads_to_its_end()
    {
        using var reader = new MigrationStreamReader(new MemoryStream(RamStream("pc.ram"u8.ToArray(), "pc.ram"u8.ToArray())));
        var kinds = new List<MigrationRecordKind>();
        while (reader.Read()) kinds.Add(reader.Kind);
        Assert.Equal([MigrationRecordKind.FileHeader, MigrationRecordKind.SectionHeader, MigrationRecordKind.RamMemSize,
            MigrationRecordKind.RamZero, MigrationRecordKind.RamEos, MigrationRecordKind.Eof], kinds);
    }

    [Fact]
    public void A_MEM_SIZE_block_id_that_is_not_UTF8_is_refused_at_the_record()
    {
        var e = ReadAll(RamStream(BadName));
        Assert.Equal(25, e.Offset); // the record: after the 8-byte file header and the 17-byte section header
        Assert.Contains("a MEM_SIZE block id is not valid UTF-8 (7070FF63)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_RAM_page_block_id_that_is_not_UTF8_is_refused_at_the_record()
    {
        var e = ReadAll(RamStream("pc.ram"u8.ToArray(), BadName));
        Assert.Contains("a RAM block id is not valid UTF-8", e.Message, StringComparison.Ordinal);
        Assert.Equal("ram", e.Section);
    }

    [Fact]
    public void A_section_idstr_that_is_not_UTF8_is_refused_at_the_section_header()
    {
        var stream = RamStream("pc.ram"u8.ToArray());
        stream[14] = 0xff; // 'r' of "ram"
        var e = ReadAll(stream);
        Assert.Equal(8, e.Offset);
        Assert.Contains("the ID string of section 2 is not valid UTF-8 (FF616D)", e.Message, StringComparison.Ordinal);
    }
}
