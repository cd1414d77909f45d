using System.Buffers.Binary;
using System.Text;

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
    private const int MaxRamBlocks = 1 << 16;

    private enum State { Start, AfterHeader, TopLevel, InRam, InHtabStart, InHtabChunks, AfterBody, AfterEof, AfterVmDesc, Done }

    private readonly StreamFeeder _feeder;
    private readonly MigrationStreamReaderOptions _options;
    private readonly bool _leaveOpen;
    private readonly Stream _stream;
    private readonly Dictionary<uint, SectionHeader> _sections = [];
    private readonly List<(byte[] Bytes, string Name)> _blockNames = [];
    private State _state = State.Start;
    private VmDescription? _vmdesc;
    private bool _vmdescSearched;
    private int _pageSize;
    private bool _pageSizeKnown;
    private string? _lastBlock;
    private bool _ignoreShared;
    private bool _postcopyPageSizes;
    private long _packageEnd = -1;
    private bool? _footers;
    private long _payloadLength;
    private bool _payloadPending;

    /// <summary>Opens a reader over <paramref name="input"/> (a file, a pipe, a decompressing stream…).</summary>
    public MigrationStreamReader(Stream input, MigrationStreamReaderOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(input);
        _stream = input;
        _options = options ?? new MigrationStreamReaderOptions();
        _leaveOpen = leaveOpen;
        _feeder = new StreamFeeder(input, _options.BufferSize, _options.MaxRecordBytes);
        _vmdesc = _options.VmDescription;
        _pageSize = _vmdesc?.PageSize ?? _options.DefaultPageSize;
        _pageSizeKnown = _vmdesc is not null;
    }

    /// <summary>The kind of the current record.</summary>
    public MigrationRecordKind Kind { get; private set; }

    /// <summary>Absolute offset of the current record's first byte.</summary>
    public long RecordOffset { get; private set; }

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Position => _feeder.Position;

    /// <summary>The stream version from the file header.</summary>
    public uint StreamVersion { get; private set; }

    /// <summary>The configuration section, once read.</summary>
    public ConfigurationSection? Configuration { get; private set; }

    /// <summary>The section the current record belongs to (for section headers, RAM, htab, device and footer records).</summary>
    public SectionHeader Section { get; private set; }

    /// <summary>The current RAM record (for the Ram* kinds).</summary>
    public RamRecord Ram { get; private set; }

    /// <summary>The block list of the current MEM_SIZE record.</summary>
    public IReadOnlyList<RamBlockInfo> RamBlocks { get; private set; } = [];

    /// <summary>The be32 header of the current spapr/htab body (<see cref="MigrationRecordKind.HtabHeader"/>).</summary>
    public uint HtabHeader { get; private set; }

    /// <summary>The current spapr/htab chunk.</summary>
    public HtabChunk Htab { get; private set; }

    /// <summary>The current command.</summary>
    public CommandRecord Command { get; private set; }

    /// <summary>The section id of the current footer.</summary>
    public uint FooterSectionId { get; private set; }

    /// <summary>The vmdesc used for framing (the stream's own once found, or the one given in the options).</summary>
    public VmDescription? VmDescription => _vmdesc;

    /// <summary>The target page size in use for RAM records.</summary>
    public int PageSize => _pageSize;

    /// <summary>Length of the current record's payload (0 when it has none).</summary>
    public long PayloadLength => _payloadPending ? _payloadLength : 0;

    /// <summary>True while inside a PACKAGED command's nested stream.</summary>
    public bool InPackage => _packageEnd >= 0;

    /// <summary>
    /// The current record's payload, held in the reader's buffer until the next <see cref="Read"/>.
    /// Payloads larger than <see cref="MigrationStreamReaderOptions.MaxRecordBytes"/> must be copied with <see cref="CopyPayloadTo"/>.
    /// </summary>
    public ReadOnlySpan<byte> GetPayload()
    {
        if (!_payloadPending) return [];
        if (_payloadLength > _options.MaxRecordBytes)
            throw Error($"a {_payloadLength}-byte payload is larger than the {_options.MaxRecordBytes}-byte limit for in-memory records");
        var n = (int)_payloadLength;
        if (!_feeder.Ensure(n)) throw Truncated($"{n} bytes of {Kind} payload");
        return _feeder.Window[..n];
    }

    /// <summary>Copies the current record's payload to <paramref name="destination"/> and consumes it.</summary>
    public void CopyPayloadTo(Stream destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!_payloadPending) return;
        _payloadPending = false;
        if (!_feeder.CopyTo(_payloadLength, destination)) throw Truncated($"{_payloadLength} bytes of {Kind} payload");
    }

    /// <summary>Moves to the next record; false at the end of the stream.</summary>
    public bool Read()
    {
        if (_payloadPending)
        {
            _payloadPending = false;
            if (!_feeder.Skip(_payloadLength)) throw Truncated($"{_payloadLength} bytes of {Kind} payload");
        }
        RecordOffset = _feeder.Position;
        if (_packageEnd >= 0 && RecordOffset > _packageEnd)
            throw Error($"a record crosses the end of the PACKAGED blob at offset {_packageEnd}");
        if (_packageEnd == RecordOffset) _packageEnd = -1;

        switch (_state)
        {
            case State.Start: ReadFileHeader(); return true;
            case State.AfterHeader:
                if (Peek(1)[0] == (byte)SectionType.Configuration) { ReadConfiguration(); return true; }
                _state = State.TopLevel;
                return ReadTopLevel();
            case State.TopLevel: return ReadTopLevel();
            case State.InRam: ReadRamRecord(); return true;
            case State.InHtabStart: ReadHtabHeader(); return true;
            case State.InHtabChunks: ReadHtabChunk(); return true;
            case State.AfterBody: return ReadAfterBody();
            case State.AfterEof: return ReadAfterEof();
            case State.AfterVmDesc:
                if (!_feeder.AtEnd()) throw Error($"{_feeder.Available} unexpected byte(s) after the vmdesc trailer");
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
        var h = Peek(8, "the 8-byte file header (magic QEVM, version)");
        var magic = BinaryPrimitives.ReadUInt32BigEndian(h);
        if (magic != FileMagic) throw Error($"Not a migration stream: magic 0x{magic:x8}, expected 0x{FileMagic:x8} (\"QEVM\")");
        var version = BinaryPrimitives.ReadUInt32BigEndian(h[4..]);
        if (version == FileVersionCompat) throw Error("SaveVM v2 format is obsolete: stream version 2 is not supported (QEMU rejects it too)");
        if (version != FileVersion) throw Error($"Unsupported migration stream version {version}, expected {FileVersion}");
        _feeder.Advance(8);
        StreamVersion = version;
        Kind = MigrationRecordKind.FileHeader;
        _state = State.AfterHeader;
        if (_vmdesc is null && _feeder.CanSeek) LocateVmDescription();
    }

    private void ReadConfiguration()
    {
        Section = default;
        var h = Peek(5, "the configuration section header");
        var len = BinaryPrimitives.ReadUInt32BigEndian(h[1..]);
        if (len == 0 || len > 4096) throw Error($"configuration: machine name length {len} is not between 1 and 4096");
        var name = Peek(5 + (int)len, "the machine type name")[5..].ToArray();
        _feeder.Advance(5 + (int)len);
        var subs = new List<ConfigurationSubsection>();
        while (_feeder.Ensure(1) && _feeder.Window[0] == (byte)SectionType.Subsection)
        {
            // vmstate_subsection_load: a subsection belongs to us only if its name starts with our VMSD name.
            var nameLen = Peek(2, "a configuration subsection header")[1];
            var sh = Peek(2 + nameLen + 4, "a configuration subsection header");
            var subName = Name(sh.Slice(2, nameLen), "a configuration subsection name");
            if (!subName.StartsWith("configuration/", StringComparison.Ordinal)) break;
            var version = BinaryPrimitives.ReadUInt32BigEndian(sh.Slice(2 + nameLen, 4));
            var bodyStart = 2 + nameLen + 4;
            var bodyLen = subName switch
            {
                ConfigurationSection.TargetPageBitsName => 4,
                ConfigurationSection.UuidName => 16,
                ConfigurationSection.CapabilitiesName => CapabilitiesLength(bodyStart),
                _ => ConfigurationSubsectionLengthFromVmdesc(subName),
            };
            var body = Peek(bodyStart + bodyLen, $"the body of {subName}").Slice(bodyStart, bodyLen).ToArray();
            _feeder.Advance(bodyStart + bodyLen);
            subs.Add(new ConfigurationSubsection(subName, version, body));
        }
        Configuration = new ConfigurationSection(name, subs);
        if (Configuration.TargetPageBits is int bits)
        {
            if (bits is < 9 or > 30) throw Error($"configuration: target page bits {bits} out of range");
            _pageSize = 1 << bits;
            _pageSizeKnown = true;
        }
        _ignoreShared = Configuration.HasCapability("x-ignore-shared");
        if (Configuration.HasCapability("mapped-ram"))
            throw Error("the mapped-ram capability (QEMU 9.0+ file migration) is not supported by this reader yet");
        Kind = MigrationRecordKind.Configuration;
        _state = State.TopLevel;
    }

    private int CapabilitiesLength(int bodyStart)
    {
        var count = BinaryPrimitives.ReadUInt32BigEndian(Peek(bodyStart + 4, "caps_count").Slice(bodyStart, 4));
        if (count > 1024) throw Error($"configuration/capabilities: caps_count {count} is implausible");
        var pos = bodyStart + 4;
        for (var i = 0; i < count; i++)
        {
            var l = Peek(pos + 1, "a capability name")[pos];
            pos += 1 + l;
        }
        return pos - bodyStart;
    }

    private int ConfigurationSubsectionLengthFromVmdesc(string name)
    {
        var desc = _vmdesc?.Configuration?.Subsections.FirstOrDefault(s => s.VmsdName == name);
        if (desc is null) throw Error($"unknown configuration subsection '{name}' and no vmdesc describes it");
        var length = VmDescription.BodyLength(desc);
        if (length > _options.MaxRecordBytes - 1024)
            throw Error($"the vmdesc gives configuration subsection '{name}' {length} bytes, more than the {_options.MaxRecordBytes}-byte limit for in-memory records");
        return (int)length;
    }

    private bool ReadTopLevel()
    {
        Section = default;
        if (!_feeder.Ensure(1)) throw Truncated("a section type byte or EOF (0x00)");
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
                ReadFullSectionHeader((SectionType)type);
                return true;
            case SectionType.Part:
            case SectionType.End:
                ReadShortSectionHeader((SectionType)type);
                return true;
            case SectionType.Command:
                ReadCommand();
                return true;
            case SectionType.Configuration:
                throw Error("a second configuration section (0x07): it may only follow the file header");
            case SectionType.Subsection:
                throw Error("a subsection marker (0x05) outside any section body");
            case SectionType.VmDescription:
                throw Error("a vmdesc trailer (0x06) before EOF");
            case SectionType.Footer:
                throw Error("a section footer (0x7e) that follows no section body");
            default:
                throw Error($"Unknown savevm section type {type}");
        }
    }

    private void ReadFullSectionHeader(SectionType type)
    {
        var h = Peek(6, "a section header");
        var id = BinaryPrimitives.ReadUInt32BigEndian(h[1..]);
        var len = h[5];
        if (len == 0) throw Error($"Unable to read ID string for section {id}: zero length");
        h = Peek(6 + len + 8, "a section header (idstr, instance, version)");
        var idstr = Name(h.Slice(6, len), $"the ID string of section {id}");
        var instance = BinaryPrimitives.ReadUInt32BigEndian(h.Slice(6 + len, 4));
        var version = BinaryPrimitives.ReadUInt32BigEndian(h.Slice(10 + len, 4));
        _feeder.Advance(6 + len + 8);
        var header = new SectionHeader(type, id, idstr, instance, version);
        if (type == SectionType.Start) _sections[id] = header;
        Section = header;
        Kind = MigrationRecordKind.SectionHeader;
        EnterBody(header);
    }

    private void ReadShortSectionHeader(SectionType type)
    {
        var h = Peek(5, "a section header");
        var id = BinaryPrimitives.ReadUInt32BigEndian(h[1..]);
        if (!_sections.TryGetValue(id, out var start)) throw Error($"Unknown savevm section {id}: no START section has that id");
        _feeder.Advance(5);
        var header = start with { Type = type };
        Section = header;
        Kind = MigrationRecordKind.SectionHeader;
        EnterBody(header);
    }

    private void EnterBody(SectionHeader header)
    {
        switch (header.IdStr)
        {
            case "ram":
                // migration/ram.c ram_load: only version 4 is accepted.
                if (header.VersionId != 4) throw Error($"RAM section version {header.VersionId}: only version 4 exists");
                if (!_pageSizeKnown && _vmdesc is null && !_vmdescSearched && _feeder.CanSeek) LocateVmDescription();
                _state = State.InRam;
                return;
            case "spapr/htab":
                if (header.VersionId != 1) throw Error($"htab_load() bad version {header.VersionId}");
                _state = State.InHtabStart;
                return;
        }
        if (header.Type is SectionType.Part or SectionType.End)
            throw Error($"iterative section '{header.IdStr}' has no known body format (only ram and spapr/htab are decoded)");
        var length = FrameDeviceBody(header);
        _pendingDeviceBody = length;
        _state = State.AfterBody;
        _deviceBodyPending = true;
    }

    private long _pendingDeviceBody;
    private bool _deviceBodyPending;

    private long FrameDeviceBody(SectionHeader header)
    {
        if (_vmdesc is null && !_vmdescSearched) LocateVmDescription();
        if (_vmdesc?.Find(header.IdStr, header.InstanceId) is { } device)
        {
            if (!device.IsLegacy && device.Vmsd.Version != header.VersionId)
                throw Error($"the vmdesc describes version {device.Vmsd.Version} but the section header says {header.VersionId}");
            return VmDescription.BodyLength(device);
        }
        if (_options.Framer is { } framer)
        {
            // A schema frames by walking the body, so it needs the whole body in view (spapr_iommu's TCE table is 2 MiB).
            _feeder.Ensure(Math.Min(_options.MaxRecordBytes, 32 << 20));
            var len = framer.GetBodyLength(header, _feeder.Window);
            if (len >= 0) return len;
        }
        var why = _vmdesc is null
            ? "the stream has no vmdesc trailer and no schema was given"
            : "the vmdesc has no entry for it";
        throw Error($"cannot frame the body of device section '{header.DisplayName}' (version {header.VersionId}): {why}");
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
                throw Truncated($"a {_payloadLength}-byte device body");
            return true;
        }
        // migration/savevm.c check_section_footer: 0x7e + be32 section id, when send-section-footer is on.
        if (_feeder.Ensure(1) && _feeder.Window[0] == (byte)SectionType.Footer)
        {
            var f = Peek(5, "a section footer");
            var id = BinaryPrimitives.ReadUInt32BigEndian(f[1..]);
            if (id != Section.SectionId)
                throw Error($"Mismatched section id in footer for {Section.IdStr} - read 0x{id:x} expected 0x{Section.SectionId:x}");
            _feeder.Advance(5);
            _footers = true;
            FooterSectionId = id;
            Kind = MigrationRecordKind.SectionFooter;
            _state = State.TopLevel;
            return true;
        }
        if (_footers == true) throw Error($"Missing section footer for {Section.IdStr}");
        _footers = false;
        _state = State.TopLevel;
        return ReadTopLevel();
    }

    private bool ReadAfterEof()
    {
        if (_packageEnd >= 0) throw Error("EOF inside a PACKAGED blob");
        if (_feeder.AtEnd())
        {
            _state = State.Done;
            Kind = MigrationRecordKind.None;
            return false;
        }
        var h = Peek(5, "the vmdesc trailer header");
        if (h[0] != (byte)SectionType.VmDescription) throw Error($"Expected vmdescription section, but got {h[0]}");
        var len = BinaryPrimitives.ReadUInt32BigEndian(h[1..]);
        if (len > _options.MaxRecordBytes) throw Error($"vmdesc length {len} exceeds the {_options.MaxRecordBytes}-byte limit");
        _feeder.Advance(5);
        Kind = MigrationRecordKind.VmDescription;
        _payloadLength = len;
        _payloadPending = true;
        _state = State.AfterVmDesc;
        if (_vmdesc is null)
        {
            var json = GetPayload();
            try { _vmdesc = VmDescription.Parse(json); }
            catch (FormatException e) { throw Error(e.Message); }
        }
        return true;
    }

    private void ReadCommand()
    {
        var h = Peek(5, "a command header");
        var cmd = BinaryPrimitives.ReadUInt16BigEndian(h[1..]);
        var len = BinaryPrimitives.ReadUInt16BigEndian(h[3..]);
        // migration/savevm.c loadvm_process_command and mig_cmd_args[].
        if (cmd == 0 || cmd > (ushort)MigrationCommand.SwitchoverStart)
            throw Error($"MIG_CMD 0x{cmd:x} unknown (len 0x{len:x})");
        var command = (MigrationCommand)cmd;
        int expected = command switch
        {
            MigrationCommand.Ping or MigrationCommand.Packaged => 4,
            MigrationCommand.PostcopyAdvise or MigrationCommand.PostcopyRamDiscard or MigrationCommand.RecvBitmap => -1,
            _ => 0,
        };
        if (expected >= 0 && len != expected)
            throw Error($"{CommandName(command)} received with bad length - expecting {expected}, got {len}");
        var data = Peek(5 + len, $"{len} bytes of {CommandName(command)} data").Slice(5, len);
        switch (command)
        {
            case MigrationCommand.PostcopyAdvise when len != 0 && len != 16:
                throw Error($"{CommandName(command)} received with bad length - expecting 0 or 16, got {len}");
            case MigrationCommand.PostcopyAdvise when len == 16:
                var summary = BinaryPrimitives.ReadUInt64BigEndian(data);
                _postcopyPageSizes = System.Numerics.BitOperations.PopCount(summary) > 1;
                break;
            case MigrationCommand.Packaged:
                var blob = BinaryPrimitives.ReadUInt32BigEndian(data);
                if (_packageEnd >= 0) throw Error("a PACKAGED command inside a PACKAGED blob");
                _packageEnd = RecordOffset + 5 + len + blob;
                if (_feeder.Length is long total && _packageEnd > total) throw Truncated($"a {blob}-byte PACKAGED blob");
                break;
            case MigrationCommand.PostcopyRamDiscard:
                if (len < 3 || (len - 3 - data[1]) % 16 != 0 || len - 3 - data[1] < 16)
                    throw Error($"POSTCOPY_RAM_DISCARD with inconsistent length {len}");
                break;
            case MigrationCommand.RecvBitmap:
                if (len < 1 || data[0] + 1 != len) throw Error($"RECV_BITMAP with inconsistent length {len}");
                break;
        }
        _feeder.Advance(5);
        Command = new CommandRecord(command, len);
        Kind = MigrationRecordKind.Command;
        _payloadLength = len;
        _payloadPending = len > 0;
    }

    private static string CommandName(MigrationCommand c) => c switch
    {
        MigrationCommand.OpenReturnPath => "OPEN_RETURN_PATH",
        MigrationCommand.Ping => "PING",
        MigrationCommand.PostcopyAdvise => "POSTCOPY_ADVISE",
        MigrationCommand.PostcopyListen => "POSTCOPY_LISTEN",
        MigrationCommand.PostcopyRun => "POSTCOPY_RUN",
        MigrationCommand.PostcopyRamDiscard => "POSTCOPY_RAM_DISCARD",
        MigrationCommand.Packaged => "PACKAGED",
        MigrationCommand.EnableColo => "ENABLE_COLO",
        MigrationCommand.PostcopyResume => "POSTCOPY_RESUME",
        MigrationCommand.RecvBitmap => "RECV_BITMAP",
        MigrationCommand.SwitchoverStart => "SWITCHOVER_START",
        _ => c.ToString(),
    };

    private void ReadRamRecord()
    {
        var addrFlags = BinaryPrimitives.ReadUInt64BigEndian(Peek(8, "a RAM record header (be64 addr|flags)"));
        _feeder.Advance(8);
        var mask = (ulong)_pageSize - 1;
        var flags = (RamPageFlags)(addrFlags & mask);
        var offset = addrFlags & ~mask;
        var cont = (flags & RamPageFlags.Continue) != 0;
        // migration/ram.c ram_load_precopy: CONTINUE is cleared, then exactly one kind must remain.
        var kind = flags & ~RamPageFlags.Continue;
        switch (kind)
        {
            case RamPageFlags.MemSize:
                ReadMemSize(offset, flags);
                return;
            case RamPageFlags.Zero:
                {
                    var block = ReadBlockId(cont);
                    var fill = Peek(1, "the fill byte of a ZERO page")[0];
                    _feeder.Advance(1);
                    Ram = new RamRecord(offset, flags, block, FillByte: fill);
                    Kind = MigrationRecordKind.RamZero;
                    return;
                }
            case RamPageFlags.Page:
                {
                    var block = ReadBlockId(cont);
                    Ram = new RamRecord(offset, flags, block);
                    Kind = MigrationRecordKind.RamPage;
                    _payloadLength = _pageSize;
                    _payloadPending = true;
                    return;
                }
            case RamPageFlags.Xbzrle:
                {
                    var block = ReadBlockId(cont);
                    var h = Peek(3, "an XBZRLE header");
                    if (h[0] != 0x01) throw Error("Failed to load XBZRLE page - wrong compression!");
                    var len = BinaryPrimitives.ReadUInt16BigEndian(h[1..]);
                    if (len > _pageSize) throw Error("Failed to load XBZRLE page - len overflow!");
                    _feeder.Advance(3);
                    Ram = new RamRecord(offset, flags, block, Encoding: h[0]);
                    Kind = MigrationRecordKind.RamXbzrle;
                    _payloadLength = len;
                    _payloadPending = true;
                    return;
                }
            case RamPageFlags.CompressPage:
                {
                    var block = ReadBlockId(cont);
                    var len = BinaryPrimitives.ReadUInt32BigEndian(Peek(4, "a compressed page length"));
                    // zlib compressBound(TARGET_PAGE_SIZE), as checked by QEMU ≤9.0.
                    var bound = (ulong)_pageSize + ((ulong)_pageSize >> 12) + ((ulong)_pageSize >> 14) + ((ulong)_pageSize >> 25) + 13;
                    if (len > bound) throw Error($"Invalid compressed data length: {len}");
                    _feeder.Advance(4);
                    Ram = new RamRecord(offset, flags, block);
                    Kind = MigrationRecordKind.RamCompressedPage;
                    _payloadLength = len;
                    _payloadPending = true;
                    return;
                }
            case RamPageFlags.MultifdFlush:
                Ram = new RamRecord(offset, flags, null);
                Kind = MigrationRecordKind.RamMultifdFlush;
                return;
            case RamPageFlags.Eos:
                Ram = new RamRecord(offset, flags, null);
                Kind = MigrationRecordKind.RamEos;
                _state = State.AfterBody;
                return;
            case RamPageFlags.Hook:
                throw Error("a RAM_SAVE_FLAG_HOOK record: RDMA control data cannot be decoded from a byte stream");
            default:
                throw Error($"Unknown combination of migration flags: 0x{(ushort)flags:x}");
        }
    }

    private string ReadBlockId(bool cont)
    {
        if (cont)
            return _lastBlock ?? throw Error("Ack, bad migration stream! (a CONTINUE record with no earlier block)");
        var len = Peek(1, "a RAM block id")[0];
        if (len == 0) throw Error("Can't find block : empty RAM block id");
        var bytes = Peek(1 + len, "a RAM block id").Slice(1, len);
        string? name = null;
        foreach (var (b, n) in _blockNames)
        {
            if (bytes.SequenceEqual(b)) { name = n; break; }
        }
        if (name is null)
        {
            if (_blockNames.Count >= MaxRamBlocks) throw Error($"more than {MaxRamBlocks} distinct RAM block names");
            name = Name(bytes, "a RAM block id");
            _blockNames.Add((bytes.ToArray(), name));
        }
        _feeder.Advance(1 + len);
        _lastBlock = name;
        return name;
    }

    private void ReadMemSize(ulong total, RamPageFlags flags)
    {
        if (_postcopyPageSizes)
            throw Error("MEM_SIZE after a POSTCOPY_ADVISE with several page sizes: the per-block page_size field cannot be located reliably");
        var blocks = new List<RamBlockInfo>();
        ulong sum = 0;
        while (sum < total)
        {
            if (blocks.Count >= MaxRamBlocks) throw Error($"more than {MaxRamBlocks} RAM blocks in MEM_SIZE");
            var len = Peek(1, "a MEM_SIZE block id")[0];
            if (len == 0) throw Error("MEM_SIZE: empty RAM block id");
            var extra = _ignoreShared ? 8 : 0;
            var e = Peek(1 + len + 8 + extra, "a MEM_SIZE block entry");
            var name = Name(e.Slice(1, len), "a MEM_SIZE block id");
            var used = BinaryPrimitives.ReadUInt64BigEndian(e.Slice(1 + len, 8));
            ulong? mr = _ignoreShared ? BinaryPrimitives.ReadUInt64BigEndian(e.Slice(9 + len, 8)) : null;
            _feeder.Advance(1 + len + 8 + extra);
            blocks.Add(new RamBlockInfo(name, used, null, mr));
            sum += used;
            if (sum < used || sum > total)
                throw Error($"MEM_SIZE: block lengths add up past the announced total 0x{total:x}");
        }
        RamBlocks = blocks;
        Ram = new RamRecord(total, flags, null);
        Kind = MigrationRecordKind.RamMemSize;
    }

    private void ReadHtabHeader()
    {
        HtabHeader = BinaryPrimitives.ReadUInt32BigEndian(Peek(4, "the spapr/htab header"));
        _feeder.Advance(4);
        Kind = MigrationRecordKind.HtabHeader;
        // hw/ppc/spapr.c htab_load: a non-zero header (the HPT shift, or -1 for "no HPT") ends the body.
        _state = HtabHeader != 0 ? State.AfterBody : State.InHtabChunks;
    }

    private void ReadHtabChunk()
    {
        var h = Peek(8, "a spapr/htab chunk header");
        var chunk = new HtabChunk(BinaryPrimitives.ReadUInt32BigEndian(h), BinaryPrimitives.ReadUInt16BigEndian(h[4..]), BinaryPrimitives.ReadUInt16BigEndian(h[6..]));
        _feeder.Advance(8);
        Htab = chunk;
        if (chunk is { Index: 0, ValidCount: 0, InvalidCount: 0 })
        {
            Kind = MigrationRecordKind.HtabEnd;
            _state = State.AfterBody;
            return;
        }
        Kind = MigrationRecordKind.HtabChunk;
        _payloadLength = chunk.ValidCount * (long)HtabChunk.HptEntrySize;
        _payloadPending = _payloadLength > 0;
    }

    private void LocateVmDescription()
    {
        _vmdescSearched = true;
        byte[]? tail = null;
        var tailOffset = 0L;
        if (_feeder.CanSeek)
        {
            for (var size = 1 << 16; ; size *= 4)
            {
                tail = _feeder.ReadTail(Math.Min(size, _options.MaxRecordBytes));
                tailOffset = _feeder.Length!.Value - tail.Length;
                var p = VmDescriptionLocator.FindTrailer(tail);
                if (p >= 0) { ParseTrailer(tail.AsSpan(p), tailOffset + p); return; }
                // The JSON holds no 0x06, so a 0x06 in the tail that failed the check means there is no trailer (except
                // in its first four bytes, which may be the trailer's length field: then a larger tail is needed).
                if (tail.AsSpan(Math.Min(4, tail.Length)).IndexOf((byte)SectionType.VmDescription) >= 0 || tail.Length < size || size >= _options.MaxRecordBytes) return;
            }
        }
        if (!_feeder.BufferToEnd()) return;
        var window = _feeder.Window;
        var q = VmDescriptionLocator.FindTrailer(window);
        if (q >= 0) ParseTrailer(window[q..], _feeder.Position + q);
    }

    private void ParseTrailer(ReadOnlySpan<byte> trailer, long offset)
    {
        try
        {
            _vmdesc = VmDescription.Parse(trailer[5..]);
        }
        catch (FormatException e)
        {
            throw new MigrationStreamException(offset, null, e.Message);
        }
        if (!_pageSizeKnown)
        {
            _pageSize = _vmdesc.PageSize;
            _pageSizeKnown = true;
        }
    }

    // Names are kept as strings and written back from them: bytes that are not UTF-8 would not survive a round trip
    // (QEMU's names are ASCII; QEMU itself would fail the lookup of such a section or block).
    private string Name(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error($"{what} is not valid UTF-8 ({Convert.ToHexString(bytes[..Math.Min(bytes.Length, 32)])}{(bytes.Length > 32 ? "…" : "")})");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ReadOnlySpan<byte> Peek(int count, string what = "more data")
    {
        if (count > _options.MaxRecordBytes)
            throw Error($"{what} would take {count} bytes, more than the {_options.MaxRecordBytes}-byte limit for in-memory records");
        if (!_feeder.Ensure(count)) throw Truncated(what);
        return _feeder.Window[..count];
    }

    private MigrationStreamException Truncated(string expected) =>
        new(_feeder.Position, SectionName(), $"stream truncated: expected {expected}, but the input ends after {_feeder.Available} more byte(s)");

    private MigrationStreamException Error(string reason) => new(RecordOffset, SectionName(), reason);

    private string? SectionName() => Section.IdStr is null ? null : Section.DisplayName;

    /// <summary>Disposes the input stream unless the reader was opened with leaveOpen.</summary>
    public void Dispose()
    {
        if (!_leaveOpen) _stream.Dispose();
    }
}
