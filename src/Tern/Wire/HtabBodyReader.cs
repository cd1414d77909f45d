namespace Tern.Wire;

/// <summary>Reads a spapr/htab section body (hw/ppc/spapr.c htab_load) with the <see cref="HtabRecordParser"/> units.</summary>
internal sealed class HtabBodyReader
{
    private readonly RecordInput _input;

    public HtabBodyReader(RecordInput input) => _input = input;

    /// <summary>The be32 header of the last body.</summary>
    public uint Header { get; private set; }

    /// <summary>The last chunk read.</summary>
    public HtabChunk Chunk { get; private set; }

    /// <summary>Reads the header; true when chunks follow (a zero header), false when it ends the body (the HPT shift, or -1 for "no HPT").</summary>
    public bool ReadHeader()
    {
        var s = HtabRecordParser.TryReadHeader(_input.Feeder.Window, out var header);
        while (s.NeedsMore) s = HtabRecordParser.TryReadHeader(_input.Refill(s), out header);
        _input.Accept(s);
        Header = header;
        return header == 0;
    }

    /// <summary>Reads a chunk; false for the all-zero end marker.</summary>
    public bool ReadChunk()
    {
        var s = HtabRecordParser.TryReadChunk(_input.Feeder.Window, out var chunk);
        while (s.NeedsMore) s = HtabRecordParser.TryReadChunk(_input.Refill(s), out chunk);
        _input.Accept(s);
        Chunk = chunk;
        return chunk is not { Index: 0, ValidCount: 0, InvalidCount: 0 };
    }
}
