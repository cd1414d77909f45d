using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>The span core for a spapr/htab section body (hw/ppc/spapr.c htab_save_*, htab_load): header and chunks.</summary>
internal static class HtabRecordParser
{
    /// <summary>The be32 header: 0 for chunks to follow, else the HPT shift (or -1 for "no HPT"), which ends the body.</summary>
    public static ParseStatus TryReadHeader(ReadOnlySpan<byte> window, out uint header)
    {
        header = 0;
        if (window.Length < 4) return ParseStatus.NeedMore(4, "the spapr/htab header");
        header = BinaryPrimitives.ReadUInt32BigEndian(window);
        return ParseStatus.Done(4);
    }

    /// <summary>A chunk header: be32 index, be16 valid count, be16 invalid count (all zero at the end).</summary>
    public static ParseStatus TryReadChunk(ReadOnlySpan<byte> window, out HtabChunk chunk)
    {
        chunk = default;
        if (window.Length < 8) return ParseStatus.NeedMore(8, "a spapr/htab chunk header");
        chunk = new HtabChunk(BinaryPrimitives.ReadUInt32BigEndian(window), BinaryPrimitives.ReadUInt16BigEndian(window[4..]), BinaryPrimitives.ReadUInt16BigEndian(window[6..]));
        return ParseStatus.Done(8);
    }
}
