using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class HtabRecordParserTests
{
    [Fact]
    public void The_htab_header_of_a_256_MiB_pseries_guest_is_its_HPT_shift()
    {
        // hw/ppc/spapr.c spapr_hpt_shift_for_ramsize: log2(256 MiB) - 7 = 21; a non-zero header ends the body.
        var pseries = Fixtures.StreamBytes("same-10.0.13-pseries");
        var body = UnitTruncation.Find(pseries, "\u000aspapr/htab"u8) - 5 + 6 + 10 + 8;
        UnitTruncation.AssertNeedsMoreUntilComplete(pseries, body, 4, b => HtabRecordParser.TryReadHeader(b, out _));
        HtabRecordParser.TryReadHeader(pseries.AsSpan(body), out var header);
        Assert.Equal(21u, header);
    }

    [Fact]
    public void A_chunk_header_is_index_valid_and_invalid_counts()
    {
        byte[] chunk = [0, 0, 1, 0, 0, 2, 0, 3, 0xff];
        UnitTruncation.AssertNeedsMoreUntilComplete(chunk, 0, 8, b => HtabRecordParser.TryReadChunk(b, out _));
        HtabRecordParser.TryReadChunk(chunk, out var c);
        Assert.Equal(new HtabChunk(256, 2, 3), c);
    }
}
