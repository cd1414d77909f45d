using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class RecordInputTests
{
    [Fact]
    public void A_unit_cut_by_the_end_of_a_pipe_is_a_truncation_at_the_unit_with_the_bytes_left()
    {
        // Given a real stream cut 5 bytes into the first RAM record, read through a pipe
        var virt = Fixtures.StreamBytes("same-7.2-virt-a57");
        var ramBody = UnitTruncation.Find(virt, "\u0003ram"u8) - 5 + 17;
        var feeder = new StreamFeeder(new NonSeekableStream(new MemoryStream(virt[..(ramBody + 5)])), 4096, 1 << 20);
        var input = new RecordInput(feeder, 1 << 20) { RecordOffset = ramBody, Section = new SectionHeader(SectionType.Start, 2, "ram", 0, 4) };
        Assert.True(feeder.Ensure(ramBody));
        feeder.Advance(ramBody);

        // When the RAM record header asks for more than the input holds
        var s = RamRecordParser.TryReadHeader(feeder.Window, 4096, out _, out _);
        var e = Assert.Throws<MigrationStreamException>(() => input.Refill(s));

        // Then the error is at the record, in its section, and counts the bytes that were there
        Assert.Equal(ramBody, e.Offset);
        Assert.Equal("ram", e.Section);
        Assert.Equal("stream truncated: expected a RAM record header (be64 addr|flags), but the input ends after 5 more byte(s)", e.Reason);
    }

    [Fact]
    public void A_need_beyond_the_in_memory_limit_is_refused_before_reading()
    {
        var feeder = new StreamFeeder(new MemoryStream(new byte[64]), 4096, 16);
        var input = new RecordInput(feeder, 16);
        var e = Assert.Throws<MigrationStreamException>(() => input.Refill(ParseStatus.NeedMore(17, "a big thing")));
        Assert.Equal("a big thing would take 17 bytes, more than the 16-byte limit for in-memory records", e.Reason);
        Assert.Equal(0, feeder.Position);
    }
}
