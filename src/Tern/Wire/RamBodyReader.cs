namespace Tern.Wire;

/// <summary>
/// Reads the records of RAM section bodies one at a time (migration/ram.c ram_load_precopy) with the
/// <see cref="RamRecordParser"/> units, resolving block ids; a page's data is left as the record's payload.
/// </summary>
internal sealed class RamBodyReader
{
    private readonly RecordInput _input;
    private readonly RamBlockNames _names = new();

    public RamBodyReader(RecordInput input) => _input = input;

    /// <summary>Set when the configuration carries x-ignore-shared: MEM_SIZE entries then hold the block's address.</summary>
    public bool IgnoreShared { get; set; }

    /// <summary>Set after a POSTCOPY_ADVISE announcing several page sizes, when MEM_SIZE cannot be framed.</summary>
    public bool SeveralPageSizes { get; set; }

    /// <summary>The last record read.</summary>
    public RamRecord Record { get; private set; }

    /// <summary>The block list of the last MEM_SIZE record.</summary>
    public IReadOnlyList<RamBlockInfo> Blocks { get; private set; } = [];

    /// <summary>The payload length of the last record, or -1 when it has none.</summary>
    public long PayloadLength { get; private set; }

    /// <summary>Reads the next record, whose first byte is in the window; returns its kind.</summary>
    public MigrationRecordKind Read(int pageSize)
    {
        var s = RamRecordParser.TryReadHeader(_input.Feeder.Window, pageSize, out var offset, out var flags);
        while (s.NeedsMore) s = RamRecordParser.TryReadHeader(_input.Refill(s), pageSize, out offset, out flags);
        _input.Accept(s);
        PayloadLength = -1;
        var cont = (flags & RamPageFlags.Continue) != 0;
        // ram_load_precopy: CONTINUE is cleared, then exactly one kind must remain.
        switch (flags & ~RamPageFlags.Continue)
        {
            case RamPageFlags.MemSize:
                ReadMemSize(offset, flags);
                return MigrationRecordKind.RamMemSize;
            case RamPageFlags.Zero:
                {
                    var block = Block(cont);
                    s = RamRecordParser.TryReadFillByte(_input.Feeder.Window, out var fill);
                    while (s.NeedsMore) s = RamRecordParser.TryReadFillByte(_input.Refill(s), out fill);
                    _input.Accept(s);
                    Record = new RamRecord(offset, flags, block, FillByte: fill);
                    return MigrationRecordKind.RamZero;
                }
            case RamPageFlags.Page:
                Record = new RamRecord(offset, flags, Block(cont));
                PayloadLength = pageSize;
                return MigrationRecordKind.RamPage;
            case RamPageFlags.Xbzrle:
                {
                    var block = Block(cont);
                    s = RamRecordParser.TryReadXbzrleHeader(_input.Feeder.Window, pageSize, out var encoding, out var len);
                    while (s.NeedsMore) s = RamRecordParser.TryReadXbzrleHeader(_input.Refill(s), pageSize, out encoding, out len);
                    _input.Accept(s);
                    Record = new RamRecord(offset, flags, block, Encoding: encoding);
                    PayloadLength = len;
                    return MigrationRecordKind.RamXbzrle;
                }
            case RamPageFlags.CompressPage:
                {
                    var block = Block(cont);
                    s = RamRecordParser.TryReadCompressedLength(_input.Feeder.Window, pageSize, out var len);
                    while (s.NeedsMore) s = RamRecordParser.TryReadCompressedLength(_input.Refill(s), pageSize, out len);
                    _input.Accept(s);
                    Record = new RamRecord(offset, flags, block);
                    PayloadLength = len;
                    return MigrationRecordKind.RamCompressedPage;
                }
            case RamPageFlags.MultifdFlush:
                Record = new RamRecord(offset, flags, null);
                return MigrationRecordKind.RamMultifdFlush;
            case RamPageFlags.Eos:
                Record = new RamRecord(offset, flags, null);
                return MigrationRecordKind.RamEos;
            case RamPageFlags.Hook:
                throw _input.Error("a RAM_SAVE_FLAG_HOOK record: RDMA control data cannot be decoded from a byte stream");
            default:
                throw _input.Error($"Unknown combination of migration flags: 0x{(ushort)flags:x}");
        }
    }

    private string Block(bool cont)
    {
        if (cont) return _names.Continued(_input);
        var s = RamRecordParser.TryReadBlockId(_input.Feeder.Window, out var id);
        while (s.NeedsMore) s = RamRecordParser.TryReadBlockId(_input.Refill(s), out id);
        if (s.IsInvalid) throw _input.Error(s.Message!);
        var name = _names.Resolve(id, _input);
        _input.Accept(s);
        return name;
    }

    private void ReadMemSize(ulong total, RamPageFlags flags)
    {
        if (SeveralPageSizes)
            throw _input.Error("MEM_SIZE after a POSTCOPY_ADVISE with several page sizes: the per-block page_size field cannot be located reliably");
        var blocks = new List<RamBlockInfo>();
        ulong sum = 0;
        while (sum < total)
        {
            if (blocks.Count >= RamBlockNames.MaxBlocks) throw _input.Error($"more than {RamBlockNames.MaxBlocks} RAM blocks in MEM_SIZE");
            var s = RamRecordParser.TryReadMemSizeEntry(_input.Feeder.Window, IgnoreShared, out var block);
            while (s.NeedsMore) s = RamRecordParser.TryReadMemSizeEntry(_input.Refill(s), IgnoreShared, out block);
            _input.Accept(s);
            blocks.Add(block!);
            sum += block!.UsedLength;
            if (sum < block.UsedLength || sum > total)
                throw _input.Error($"MEM_SIZE: block lengths add up past the announced total 0x{total:x}");
        }
        Blocks = blocks;
        Record = new RamRecord(total, flags, null);
    }
}
