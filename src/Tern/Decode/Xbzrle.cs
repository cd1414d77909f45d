namespace Tern.Decode;

/// <summary>
/// XBZRLE page deltas (migration/xbzrle.c, xbzrle_decode_buffer): pairs of ULEB128 (zrun, nzrun);
/// zrun bytes are unchanged, nzrun literal bytes follow; bytes after the last pair are unchanged.
/// </summary>
public static class Xbzrle
{
    /// <summary>Applies an encoded delta to <paramref name="page"/> in place; throws <see cref="FormatException"/> on a bad encoding.</summary>
    public static void Apply(ReadOnlySpan<byte> encoded, Span<byte> page)
    {
        int i = 0, d = 0;
        var first = true;
        while (i < encoded.Length)
        {
            var zrun = ReadUleb(encoded, ref i);
            if (!first && zrun == 0) throw new FormatException("Failed to load XBZRLE page - decode error! (zero zrun after the first pair)");
            first = false;
            d += zrun;
            if (d > page.Length) throw new FormatException("Failed to load XBZRLE page - decode error! (run past the page)");
            if (i >= encoded.Length) return;
            var nzrun = ReadUleb(encoded, ref i);
            if (nzrun == 0 || d + nzrun > page.Length || i + nzrun > encoded.Length)
                throw new FormatException("Failed to load XBZRLE page - decode error! (literal run out of bounds)");
            encoded.Slice(i, nzrun).CopyTo(page[d..]);
            i += nzrun;
            d += nzrun;
        }
    }

    private static int ReadUleb(ReadOnlySpan<byte> s, ref int i)
    {
        // QEMU's uleb128_decode_small: at most two bytes, values below 16384.
        if (i >= s.Length) throw new FormatException("Failed to load XBZRLE page - decode error! (truncated run length)");
        int v = s[i++];
        if ((v & 0x80) == 0) return v;
        if (i >= s.Length) throw new FormatException("Failed to load XBZRLE page - decode error! (truncated run length)");
        var hi = s[i++];
        if ((hi & 0x80) != 0) throw new FormatException("Failed to load XBZRLE page - decode error! (run length over two bytes)");
        return (v & 0x7f) | (hi << 7);
    }
}
