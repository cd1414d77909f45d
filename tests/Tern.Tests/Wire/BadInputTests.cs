using System.Buffers.Binary;
using System.Text;
using CsCheck;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class BadInputTests
{
    private static readonly byte[] Small = SmallStream.From("same-7.2-virt-a57", keepPages: 3);

    [Fact]
    public void The_small_stream_cut_from_a_real_one_is_itself_readable()
    {
        Assert.True(SmallStream.ReadAll(new MemoryStream(Small)) > 20);
        Assert.True(Small.Length < 60_000, $"{Small.Length} bytes");
    }

    [Fact]
    public void Every_truncation_point_gives_a_stream_exception_or_a_complete_stream()
    {
        // The only prefixes that are complete streams end right after EOF (vmdesc is optional) or at the very end.
        var eof = Small.Length - 5 - BinaryPrimitives.ReadInt32BigEndian(Small.AsSpan(VmDescriptionLocator.FindTrailer(Small) + 1, 4));
        for (var cut = 0; cut < Small.Length; cut++)
        {
            var prefix = Small.AsMemory(0, cut).ToArray();
            foreach (var seekable in new[] { true, false })
            {
                Stream input = seekable ? new MemoryStream(prefix) : new NonSeekableStream(new MemoryStream(prefix), 4096);
                var error = Record.Exception(() => SmallStream.ReadAll(input));
                if (error is null)
                {
                    Assert.Equal(eof, cut);
                    continue;
                }
                var e = Assert.IsType<MigrationStreamException>(error);
                Assert.InRange(e.Offset, 0, cut);
            }
        }
    }

    [Fact]
    public void A_truncated_device_section_names_its_offset_and_section()
    {
        // Cut in the middle of the cpu section's body.
        var cpu = IndexOf(Small, "\u0003cpu"u8) ;
        var prefix = Small.AsMemory(0, cpu + 200).ToArray();
        // Without its vmdesc trailer, the first device section cannot be framed, and the error says so.
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new NonSeekableStream(new MemoryStream(prefix))));
        Assert.Contains("cannot frame the body of device section 'timer'", e.Message, StringComparison.Ordinal);
        // With the description supplied, reading gets to the cpu body and reports the truncation there.
        var vmdesc = VmDescription.Parse(Small.AsSpan(VmDescriptionLocator.FindTrailer(Small) + 5));
        var framed = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(prefix), new MigrationStreamReaderOptions { VmDescription = vmdesc }));
        Assert.Contains("in section 'cpu'", framed.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", framed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_mutations_never_escape_as_anything_but_a_stream_exception()
    {
        Gen.Select(Gen.Int[0, Small.Length - 1], Gen.Byte, Gen.Int[0, 3]).Sample((at, value, mode) =>
        {
            var bytes = mode switch
            {
                0 => Mutate(Small, at, value),
                1 => [.. Small.AsSpan(0, at), .. Small.AsSpan(at + 1)],
                2 => [.. Small.AsSpan(0, at), value, .. Small.AsSpan(at)],
                _ => Mutate(Mutate(Small, at, value), (at * 7919) % Small.Length, (byte)(value ^ 0x5a)),
            };
            foreach (var seekable in new[] { true, false })
            {
                Stream input = seekable ? new MemoryStream(bytes) : new NonSeekableStream(new MemoryStream(bytes), 1000);
                var error = Record.Exception(() => SmallStream.ReadAll(input, new MigrationStreamReaderOptions { MaxRecordBytes = 8 << 20 }));
                if (error is not null && error is not MigrationStreamException)
                    throw new InvalidOperationException($"mutation mode {mode} at {at} value {value}: {error.GetType().Name}: {error.Message}", error);
            }
        }, iter: 3000);
    }

    [Fact]
    public void Bad_magic_is_reported_with_QEMUs_words()
    {
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(Encoding.ASCII.GetBytes("NOTQEMU!xxxx"))));
        Assert.Equal(0, e.Offset);
        Assert.Contains("Not a migration stream", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2u, "SaveVM v2 format is obsolete")]
    [InlineData(4u, "Unsupported migration stream version 4")]
    public void Bad_versions_are_rejected(uint version, string message)
    {
        var bytes = Small.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), version);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_section_type_is_named()
    {
        var bytes = Header("virt-7.2", [0x42]);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains("Unknown savevm section type 66", e.Message, StringComparison.Ordinal);
        Assert.Equal(8 + 1 + 4 + 8, e.Offset);
    }

    [Fact]
    public void An_unknown_command_uses_QEMUs_message()
    {
        var bytes = Header("virt-7.2", [0x08, 0x00, 0x99, 0x00, 0x00]);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains("MIG_CMD 0x99 unknown (len 0x0)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_PACKAGED_length_is_checked_against_the_input_not_allocated()
    {
        var bytes = Header("virt-7.2", [0x08, 0x00, 0x07, 0x00, 0x04, 0xff, 0xff, 0xff, 0xf0]);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains("PACKAGED", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_vmdesc_length_is_refused_before_any_allocation()
    {
        var bytes = Header("virt-7.2", [0x00, 0x06, 0xff, 0xff, 0xff, 0xff, (byte)'{']);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new NonSeekableStream(new MemoryStream(bytes))));
        Assert.Contains("vmdesc length", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_vmdesc_that_is_not_JSON_is_reported_at_its_offset()
    {
        var json = "{not json"u8.ToArray();
        var bytes = Header("virt-7.2", [0x00, 0x06, .. BigEndian(json.Length), .. json]);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains("vmdesc is not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Equal(bytes.Length - json.Length - 5, e.Offset);
    }

    [Fact]
    public void A_vmdesc_claiming_a_petabyte_device_body_is_refused()
    {
        var json = """{"page_size": 4096, "devices": [{"name": "timer", "instance_id": 0, "vmsd_name": "timer", "version": 2, "fields": [{"name": "x", "type": "buffer", "size": 1000000000000000}]}]}"""u8.ToArray();
        var section = new byte[] { 0x04, 0, 0, 0, 0, 5, (byte)'t', (byte)'i', (byte)'m', (byte)'e', (byte)'r', 0, 0, 0, 0, 0, 0, 0, 2 };
        var bytes = Header("virt-7.2", [.. section, 1, 2, 3, 0x00, 0x06, .. BigEndian(json.Length), .. json]);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(bytes)));
        Assert.Contains("timer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_MEM_SIZE_total_that_the_blocks_do_not_reach_ends_as_truncation()
    {
        var ram = new byte[] { 0x01, 0, 0, 0, 2, 3, (byte)'r', (byte)'a', (byte)'m', 0, 0, 0, 0, 0, 0, 0, 4 };
        var memSize = BigEndian64(0x7fff_ffff_f000UL | 0x04);
        byte[] block = [3, (byte)'r', (byte)'a', (byte)'m', .. BigEndian64(0x1000)];
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(Header("virt-7.2", [.. ram, .. memSize, .. block]))));
        Assert.Contains("truncated", e.Message, StringComparison.Ordinal);
        Assert.Contains("'ram'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_CONTINUE_page_with_no_earlier_block_is_QEMUs_bad_stream()
    {
        var ram = new byte[] { 0x01, 0, 0, 0, 2, 3, (byte)'r', (byte)'a', (byte)'m', 0, 0, 0, 0, 0, 0, 0, 4 };
        var page = BigEndian64(0x1000 | 0x20 | 0x02);
        var e = Assert.Throws<MigrationStreamException>(() => SmallStream.ReadAll(new MemoryStream(Header("virt-7.2", [.. ram, .. page, 0]))));
        Assert.Contains("Ack, bad migration stream!", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Header(string machine, byte[] rest) =>
        [.. "QEVM"u8, 0, 0, 0, 3, 0x07, .. BigEndian(machine.Length), .. Encoding.ASCII.GetBytes(machine), .. rest];

    private static byte[] BigEndian(int v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(b, v);
        return b;
    }

    private static byte[] BigEndian64(ulong v)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(b, v);
        return b;
    }

    private static byte[] Mutate(byte[] source, int at, byte value)
    {
        var copy = source.ToArray();
        copy[at] = value;
        return copy;
    }

    private static int IndexOf(byte[] haystack, ReadOnlySpan<byte> needle) => haystack.AsSpan().IndexOf(needle);
}
