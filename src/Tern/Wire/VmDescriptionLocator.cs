using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// Finds the vmdesc trailer (0x06, be32 length, JSON to the very end) in the tail of a stream.
/// Valid JSON never contains a raw 0x06 byte, so the marker is the last 0x06 or lies at most four bytes before
/// it (a 0x06 in the length field); the length field must reach exactly to the end. This is stricter than analyze-migration.py's "last NUL,
/// first brace" heuristic, which a 0x00 inside the JSON fools.
/// </summary>
public static class VmDescriptionLocator
{
    /// <summary>
    /// Returns the index of the 0x06 marker in <paramref name="tail"/> (which must end where the stream ends), or -1.
    /// </summary>
    public static int FindTrailer(ReadOnlySpan<byte> tail)
    {
        var last = tail.LastIndexOf((byte)SectionType.VmDescription);
        // The JSON holds no 0x06, but its be32 length may (43526 is 0x0000aa06): the marker is the last 0x06 or one of
        // the (at most four) before it that lie in the length field that follows the marker.
        for (var p = last; p >= 0 && p >= last - 4; p = tail[..p].LastIndexOf((byte)SectionType.VmDescription))
        {
            if (p + 5 >= tail.Length) continue;
            var len = BinaryPrimitives.ReadUInt32BigEndian(tail.Slice(p + 1, 4));
            if (len == (uint)(tail.Length - (p + 5)) && tail[p + 5] == (byte)'{') return p;
        }
        return -1;
    }
}
