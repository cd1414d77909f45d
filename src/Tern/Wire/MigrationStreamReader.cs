namespace Tern.Wire;

/// <summary>
/// A forward-only pull reader of a QEMU migration stream (format: migration/savevm.c, migration/ram.c,
/// hw/ppc/spapr.c htab_*). Each <see cref="Read"/> moves to the next record; bulk data (pages, device
/// bodies, the vmdesc) is a payload that is only copied when asked for, and skipped (by seeking where
/// the input can) otherwise, so memory stays constant for any stream size.
/// </summary>
/// <remarks>
/// Device sections carry no length: the reader frames them with the stream's own vmdesc trailer, which
/// it finds by itself (see <see cref="MigrationStreamReaderOptions.VmDescription"/>), or with a
/// <see cref="IDeviceBodyFramer"/>. Any inconsistency throws <see cref="MigrationStreamException"/>
/// with the offset and section.
/// </remarks>
public sealed class MigrationStreamReader : IDisposable
{
    /// <summary>QEMU_VM_FILE_MAGIC, "QEVM".</summary>
    public const uint FileMagic = 0x5145564d;
    /// <summary>QEMU_VM_FILE_VERSION.</summary>
    public const uint FileVersion = 3;
    /// <summary>QEMU_VM_FILE_VERSION_COMPAT, rejected by QEMU.</summary>
    public const uint FileVersionCompat = 2;

    private enum State { Start, AfterHeader, TopLevel, InRam, InHtabStart, InHtabChunks, AfterBody, AfterEof, AfterVmDesc, Done }

    // The state machine is here; the bytes of each unit are parsed by the span core (RecordHeaderParser,
    // CommandParser, ConfigurationSubsectionParser, RamRecordParser, HtabRecordParser) over the feeder's window.
    private readonly StreamFeeder _feeder;
    private readonly RecordInput _input;
    private readonly RamBodyReader _ram;
    private readonly HtabBodyReader _htab;
    private readonly MigrationStreamReaderOptions _options;
    private readonly bool _leaveOpen;
    private readonly Stream _stream;
    private readonly SectionHeaderReader _headers;
    private readonly CommandReader _commands;
    private readonly SectionFooterReader _footer;
    private readonly StreamFraming _framing;
    private State _state = State.Start;
    private long _payloadLength;
    private bool _payloadPending;
    private long _pendingDeviceBody;
    private bool _deviceBodyPending;

    /// <summary>Opens a reader over <paramref name="input"/> (a file, a pipe, a decompressing stream…).</summary>
    public MigrationStreamReader(Stream input, MigrationStreamReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        _stream = input;
        _options = options ?? new MigrationStreamReaderOptions();
        _leaveOpen = leaveOpen;
        _feeder = new StreamFeeder(input, _options.BufferSize, _options.MaxRecordBytes);
        _input = new RecordInput(_feeder, _options.MaxRecordBytes);
        _ram = new RamBodyReader(_input);
        _htab = new HtabBodyReader(_input);
        _headers = new SectionHeaderReader(_input);
        _commands = new CommandReader(_input, _ram);
        _footer = new SectionFooterReader(_input);
        _framing = new StreamFraming(_feeder, _options);
    }

    /// <summary>The kind of the current record.</summary>
    public MigrationRecordKind Kind { get; private set; }

    /// <summary>Absolute offset of the current record's first byte.</summary>
    public long RecordOffset => _input.RecordOffset;

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Position => _feeder.Position;

    /// <summary>The stream version from the file header.</summary>
    public uint StreamVersion { get; private set; }

    /// <summary>The configuration section, once read.</summary>
    public ConfigurationSection? Configuration { get; private set; }

    /// <summary>The section the current record belongs to (for section headers, RAM, htab, device and footer records).</summary>
    public SectionHeader Section => _input.Section;

    /// <summary>The current RAM record (for the Ram* kinds).</summary>
    public RamRecord Ram => _ram.Record;

    /// <summary>The block list of the current MEM_SIZE record.</summary>
    public IReadOnlyList<RamBlockInfo> RamBlocks => _ram.Blocks;

    /// <summary>The be32 header of the current spapr/htab body (<see cref="MigrationRecordKind.HtabHeader"/>).</summary>
    public uint HtabHeader => _htab.Header;

    /// <summary>The current spapr/htab chunk.</summary>
    public HtabChunk Htab => _htab.Chunk;

    /// <summary>The current command.</summary>
    public CommandRecord Command { get; private set; }

    /// <summary>The section id of the current footer.</summary>
    public uint FooterSectionId { get; private set; }

    /// <summary>The vmdesc used for framing (the stream's own once found, or the one given in the options).</summary>
    public VmDescription? VmDescription => _framing.VmDescription;

    /// <summary>The target page size in use for RAM records.</summary>
    public int PageSize => _framing.PageSize;

    /// <summary>Length of the current record's payload (0 when it has none).</summary>
    public long PayloadLength => _payloadPending ? _payloadLength : 0;

    /// <summary>True while inside a PACKAGED command's nested stream.</summary>
    public bool InPackage => _commands.PackageEnd >= 0;

    /// <summary>
    /// The current record's payload, held in the reader's buffer until the next <see cref="Read"/>.
    /// Payloads larger than <see cref="MigrationStreamReaderOptions.MaxRecordBytes"/> must be copied with <see cref="CopyPayloadTo"/>.
    /// </summary>
    public ReadOnlySpan<byte> GetPayload()
    {
        if (!_payloadPending) return [];
        if (_payloadLength > _options.MaxRecordBytes)
            throw _input.Error($"a {_payloadLength}-byte payload is larger than the {_options.MaxRecordBytes}-byte limit for in-memory records");
        var n = (int)_payloadLength;
        if (!_feeder.Ensure(n)) throw _input.Truncated($"{n} bytes of {Kind} payload");
        return _feeder.Window[..n];
    }

    /// <summary>Copies the current record's payload to <paramref name="destination"/> and consumes it.</summary>
    public void CopyPayloadTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!_payloadPending) return;
        _payloadPending = false;
        if (!_feeder.CopyTo(_payloadLength, destination)) throw _input.Truncated($"{_payloadLength} bytes of {Kind} payload");
    }

    /// <summary>Moves to the next record; false at the end of the stream.</summary>
    public bool Read()
    {
        if (_payloadPending)
        {
            _payloadPending = false;
            if (!_feeder.Skip(_payloadLength)) throw _input.Truncated($"{_payloadLength} bytes of {Kind} payload");
        }
        var offset = _feeder.Position;
        _input.RecordOffset = offset;
        _commands.BeginRecord(offset);

        switch (_state)
        {
            case State.Start: ReadFileHeader(); return true;
            case State.AfterHeader:
                if (!_feeder.Ensure(1)) throw _input.Truncated("more data");
                if (_feeder.Window[0] == (byte)SectionType.Configuration) { ReadConfiguration(); return true; }
                _state = State.TopLevel;
                return ReadTopLevel();
            case State.TopLevel: return ReadTopLevel();
            case State.InRam: ReadRamRecord(); return true;
            case State.InHtabStart: ReadHtabHeader(); return true;
            case State.InHtabChunks: ReadHtabChunk(); return true;
            case State.AfterBody: return ReadAfterBody();
            case State.AfterEof: return ReadAfterEof();
            case State.AfterVmDesc:
                if (!_feeder.AtEnd()) throw _input.Error($"{_feeder.Available} unexpected byte(s) after the vmdesc trailer");
                _state = State.Done;
                Kind = MigrationRecordKind.None;
                return false;
            default:
                Kind = MigrationRecordKind.None;
                return false;
        }
    }

    private void ReadFileHeader()
    {
        var s = RecordHeaderParser.TryReadFileHeader(_feeder.Window, out var version);
        while (s.NeedsMore) s = RecordHeaderParser.TryReadFileHeader(_input.Refill(s), out version);
        _input.Accept(s);
        StreamVersion = version;
        Kind = MigrationRecordKind.FileHeader;
        _state = State.AfterHeader;
        _framing.AtFileHeader();
    }

    private void ReadConfiguration()
    {
        _input.Section = default;
        Configuration = ConfigurationReader.Read(_input, _framing.VmDescription, _options.MaxRecordBytes);
        if (Configuration.TargetPageBits is int bits)
        {
            if (bits is < 9 or > 30) throw _input.Error($"configuration: target page bits {bits} out of range");
            _framing.UsePageBits(bits);
        }
        _ram.IgnoreShared = Configuration.HasCapability("x-ignore-shared");
        if (Configuration.HasCapability("mapped-ram"))
            throw _input.Error("the mapped-ram capability (QEMU 9.0+ file migration) is not supported by this reader yet");
        Kind = MigrationRecordKind.Configuration;
        _state = State.TopLevel;
    }

    private bool ReadTopLevel()
    {
        _input.Section = default;
        if (!_feeder.Ensure(1)) throw _input.Truncated("a section type byte or EOF (0x00)");
        var type = _feeder.Window[0];
        switch ((SectionType)type)
        {
            case SectionType.Eof:
                _feeder.Advance(1);
                Kind = MigrationRecordKind.Eof;
                _state = State.AfterEof;
                return true;
            case SectionType.Start:
            case SectionType.Full:
            case SectionType.Part:
            case SectionType.End:
                EnterSection(_headers.Read((SectionType)type));
                return true;
            case SectionType.Command:
                Command = _commands.Read();
                Kind = MigrationRecordKind.Command;
                _payloadLength = Command.Length;
                _payloadPending = Command.Length > 0;
                return true;
            default:
                throw _input.Error(RecordHeaderParser.MisplacedTopLevel(type));
        }
    }

    private void EnterSection(SectionHeader header)
    {
        _input.Section = header;
        Kind = MigrationRecordKind.SectionHeader;
        switch (header.IdStr)
        {
            case "ram":
                // migration/ram.c ram_load: only version 4 is accepted.
                if (header.VersionId != 4) throw _input.Error($"RAM section version {header.VersionId}: only version 4 exists");
                _framing.AtRamSection();
                _state = State.InRam;
                return;
            case "spapr/htab":
                if (header.VersionId != 1) throw _input.Error($"htab_load() bad version {header.VersionId}");
                _state = State.InHtabStart;
                return;
        }
        if (header.Type is SectionType.Part or SectionType.End)
            throw _input.Error($"iterative section '{header.IdStr}' has no known body format (only ram and spapr/htab are decoded)");
        _pendingDeviceBody = _framing.DeviceBodyLength(header, _input);
        _state = State.AfterBody;
        _deviceBodyPending = true;
    }

    private bool ReadAfterBody()
    {
        if (_deviceBodyPending)
        {
            _deviceBodyPending = false;
            Kind = MigrationRecordKind.DeviceState;
            _payloadLength = _pendingDeviceBody;
            _payloadPending = true;
            if (_feeder.Length is long total && RecordOffset + _payloadLength > total)
                throw _input.Truncated($"a {_payloadLength}-byte device body");
            return true;
        }
        if (_footer.TryRead(out var id))
        {
            FooterSectionId = id;
            Kind = MigrationRecordKind.SectionFooter;
            _state = State.TopLevel;
            return true;
        }
        _state = State.TopLevel;
        return ReadTopLevel();
    }

    private bool ReadAfterEof()
    {
        if (_commands.PackageEnd >= 0) throw _input.Error("EOF inside a PACKAGED blob");
        if (_feeder.AtEnd())
        {
            _state = State.Done;
            Kind = MigrationRecordKind.None;
            return false;
        }
        var s = RecordHeaderParser.TryReadVmDescriptionHeader(_feeder.Window, _options.MaxRecordBytes, out var length);
        while (s.NeedsMore) s = RecordHeaderParser.TryReadVmDescriptionHeader(_input.Refill(s), _options.MaxRecordBytes, out length);
        _input.Accept(s);
        Kind = MigrationRecordKind.VmDescription;
        _payloadLength = length;
        _payloadPending = true;
        _state = State.AfterVmDesc;
        if (_framing.VmDescription is null)
        {
            var json = GetPayload();
            try { _framing.UseTrailer(Wire.VmDescription.Parse(json)); }
            catch (FormatException e) { throw _input.Error(e.Message); }
        }
        return true;
    }

    private void ReadRamRecord()
    {
        Kind = _ram.Read(_framing.PageSize);
        _payloadLength = _ram.PayloadLength;
        _payloadPending = _payloadLength >= 0;
        if (Kind == MigrationRecordKind.RamEos) _state = State.AfterBody;
    }

    private void ReadHtabHeader()
    {
        var chunksFollow = _htab.ReadHeader();
        Kind = MigrationRecordKind.HtabHeader;
        _state = chunksFollow ? State.InHtabChunks : State.AfterBody;
    }

    private void ReadHtabChunk()
    {
        if (!_htab.ReadChunk())
        {
            Kind = MigrationRecordKind.HtabEnd;
            _state = State.AfterBody;
            return;
        }
        Kind = MigrationRecordKind.HtabChunk;
        _payloadLength = _htab.Chunk.ValidCount * (long)HtabChunk.HptEntrySize;
        _payloadPending = _payloadLength > 0;
    }

    /// <summary>Disposes the input stream unless the reader was opened with leaveOpen.</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
