namespace Tern.Wire;

/// <summary>
/// Finds the stream's own vmdesc trailer before the records that need it (device sections, the page size of RAM):
/// a seekable input's tail is read without moving the reading position, growing until the trailer or its absence is
/// certain; a pipe's rest is buffered, bounded by the in-memory limit, and searched in place.
/// </summary>
internal static class VmDescriptionTail
{
    /// <summary>The trailer's vmdesc, or null when the input has none (or, for a pipe, its rest is too large to buffer).</summary>
    public static VmDescription? Locate(StreamFeeder feeder, int maxRecordBytes)
    {
        if (feeder.CanSeek)
        {
            for (var size = 1 << 16; ; size *= 4)
            {
                var tail = feeder.ReadTail(Math.Min(size, maxRecordBytes));
                var tailOffset = feeder.Length!.Value - tail.Length;
                var p = VmDescriptionLocator.FindTrailer(tail);
                if (p >= 0) return Parse(tail.AsSpan(p), tailOffset + p);
                // The JSON holds no 0x06, so a 0x06 in the tail that failed the check means there is no trailer (except
                // in its first four bytes, which may be the trailer's length field: then a larger tail is needed).
                if (tail.AsSpan(Math.Min(4, tail.Length)).IndexOf((byte)SectionType.VmDescription) >= 0 || tail.Length < size || size >= maxRecordBytes) return null;
            }
        }
        if (!feeder.BufferToEnd()) return null;
        var window = feeder.Window;
        var q = VmDescriptionLocator.FindTrailer(window);
        return q >= 0 ? Parse(window[q..], feeder.Position + q) : null;
    }

    // trailer: 0x06, be32 length, JSON; a bad JSON is reported at the trailer's offset, outside any section.
    private static VmDescription Parse(ReadOnlySpan<byte> trailer, long offset)
    {
        try
        {
            return VmDescription.Parse(trailer[5..]);
        }
        catch (FormatException e)
        {
            throw new MigrationStreamException(offset, null, e.Message);
        }
    }
}
