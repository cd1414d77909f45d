using System.Text;
using Tern.Schema;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class VmDescriptionLocatorTests
{
    // A stream with no sections: header, EOF, then a vmdesc of exactly jsonLength bytes.
    private static byte[] StreamWithVmdescOf(int jsonLength)
    {
        var json = "{\"page_size\":4096,\"devices\":[]}";
        json += new string(' ', jsonLength - json.Length);
        using var ms = new MemoryStream();
        using (var w = new MigrationStreamWriter(ms, leaveOpen: true))
        {
            w.WriteFileHeader();
            w.WriteEof();
            w.WriteVmDescription(Encoding.UTF8.GetBytes(json));
        }
        return ms.ToArray();
    }

    [Theory]
    [InlineData(0x0106)] // 0x06 as the length's last byte: the last 0x06 in the file is not the marker
    [InlineData(0x0600)] // 0x06 in the middle of the length
    [InlineData(0x0606)]
    [InlineData(0x00aa06)] // the 7.2-sized vmdesc of 43526 bytes
    [InlineData(0x0123)] // no 0x06 but the marker
    public void The_trailer_is_found_when_its_length_field_holds_0x06_bytes(int length)
    {
        // Given a stream whose vmdesc length has 0x06 bytes in it
        var stream = StreamWithVmdescOf(length);

        // Then the locator finds the marker, the reader reads the vmdesc and tern diff can use the stream
        Assert.Equal(9, VmDescriptionLocator.FindTrailer(stream));
        using var reader = new MigrationStreamReader(new MemoryStream(stream));
        while (reader.Read()) { }
        Assert.NotNull(reader.VmDescription);
        Assert.Equal(4096, reader.VmDescription.PageSize);
        Assert.Equal(SchemaInputKind.MigrationStream, SchemaLoader.Load(stream, "s").InputKind);
    }

    [Fact]
    public void A_tail_without_a_length_that_reaches_the_end_has_no_trailer()
    {
        var stream = StreamWithVmdescOf(0x0106);
        Assert.Equal(-1, VmDescriptionLocator.FindTrailer(stream.AsSpan(0, stream.Length - 1)));
    }
}
