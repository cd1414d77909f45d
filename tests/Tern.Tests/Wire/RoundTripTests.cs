using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class RoundTripTests
{
    [Theory]
    [MemberData(nameof(Streams))]
    public void Every_fixture_stream_round_trips_byte_identical(string name)
    {
        // Given a real stream written by QEMU
        var original = Fixtures.StreamBytes(name);

        // When every record is read and written back
        var copy = ReadAndWrite(new MemoryStream(original));

        // Then the bytes are the same
        Assert.Equal(original.Length, original.AsSpan().CommonPrefixLength(copy));
        Assert.Equal(original.Length, copy.Length);
    }

    [Theory]
    [MemberData(nameof(Streams))]
    public void Round_trip_also_works_from_a_pipe_with_short_reads(string name)
    {
        var original = Fixtures.StreamBytes(name);
        var copy = ReadAndWrite(new NonSeekableStream(new MemoryStream(original), maxChunk: 7001));
        Assert.True(original.AsSpan().SequenceEqual(copy));
    }

    public static TheoryData<string> Streams() => Fixtures.AllStreams();

    internal static byte[] ReadAndWrite(Stream input)
    {
        using var reader = new MigrationStreamReader(input, new MigrationStreamReaderOptions { BufferSize = 64 << 10 });
        var output = new MemoryStream();
        using (var writer = new MigrationStreamWriter(output, leaveOpen: true))
        {
            while (reader.Read()) writer.CopyRecord(reader);
        }
        return output.ToArray();
    }
}
