using Tern.Wire;

namespace Tern.Tests.Wire;

/// <summary>Checks a span parser against every truncation point of one unit cut from a real stream.</summary>
internal static class UnitTruncation
{
    /// <summary>
    /// Every prefix of <paramref name="unit"/> shorter than <paramref name="length"/> must ask for more (and for bytes it
    /// has not got, no further than the unit's end); the whole unit, alone or followed by the rest of the stream, must be
    /// complete with exactly <paramref name="length"/> bytes consumed.
    /// </summary>
    public static void AssertNeedsMoreUntilComplete(byte[] stream, int at, int length, Func<byte[], ParseStatus> parse)
    {
        for (var cut = 0; cut < length; cut++)
        {
            var s = parse(stream[at..(at + cut)]);
            Assert.True(s.NeedsMore, $"a {cut}-byte prefix of a {length}-byte unit did not ask for more");
            Assert.InRange(s.Needed, cut + 1, length);
            Assert.Equal(0, s.Consumed);
            Assert.NotNull(s.Message);
        }
        var whole = parse(stream[at..(at + length)]);
        Assert.False(whole.NeedsMore || whole.IsInvalid, whole.Message);
        Assert.Equal(length, whole.Consumed);
        var followed = parse(stream[at..]);
        Assert.Equal(length, followed.Consumed);
    }

    /// <summary>Offset of the first occurrence of <paramref name="needle"/>, which the test relies on being there.</summary>
    public static int Find(byte[] stream, ReadOnlySpan<byte> needle)
    {
        var i = stream.AsSpan().IndexOf(needle);
        Assert.True(i >= 0, "the fixture does not hold the bytes the test looks for");
        return i;
    }
}
