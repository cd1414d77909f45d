using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// Finds the vmdesc trailer (0x06, be32 length, JSON to the very end) in the tail of a stream.
/// Valid JSON never contains a raw 0x06 byte, so the last 0x06 is the only candidate; its length
/// field must reach exactly to the end. This is stricter than analyze-migration.py's "last NUL,
/// first brace" heuristic, which a 0x00 inside the JSON fools.
/// </summary>
public static class VmDescriptionLocator
{
    /// <summary>
    /// Returns the index of the 0x06 marker in <paramref name="tail"/> (which must end where the stream ends), or -1.
    /// </summary>
    public static int FindTrailer(ReadOnlySpan<byte> tail)
    {
        var p = tail.LastIndexOf((byte)SectionType.VmDescription);
        if (p < 0 || p + 5 >= tail.Length) return -1;
        var len = BinaryPrimitives.ReadUInt32BigEndian(tail.Slice(p + 1, 4));
        if (len != (uint)(tail.Length - (p + 5))) return -1;
        return tail[p + 5] == (byte)'{' ? p : -1;
    }
}
