using System.Buffers.Binary;
using System.Text;

namespace Tern.Wire;

/// <summary>
/// Writes QEMU migration stream records, the mirror of <see cref="MigrationStreamReader"/>. It checks
/// nothing about the order of records: writing a stream QEMU accepts is the caller's job (see the
/// Simulator), writing back exactly what was read is <see cref="CopyRecord"/>'s.
/// </summary>
public sealed class MigrationStreamWriter : IDisposable
{
    private readonly Stream _output;
    private readonly bool _leaveOpen;
    private readonly byte[] _scratch = new byte[16];
    private string? _lastBlock;

    /// <summary>Creates a writer over <paramref name="output"/>.</summary>
    public MigrationStreamWriter(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>The target page size used to combine RAM offsets and flags.</summary>
    public int PageSize { get; set; } = 4096;

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes the file header: magic QEVM and the stream version.</summary>
    public void WriteFileHeader(uint version = MigrationStreamReader.FileVersion)
    {
        WriteU32(MigrationStreamReader.FileMagic);
        WriteU32(version);
    }

    /// <summary>Writes a section header: the full form for START/FULL, the short form for PART/END.</summary>
    public void WriteSectionHeader(in SectionHeader header)
    {
        WriteU8((byte)header.Type);
        WriteU32(header.SectionId);
        if (!header.HasFullHeader) return;
        WriteCountedString(header.IdStr);
        WriteU32(header.InstanceId);
        WriteU32(header.VersionId);
    }

    /// <summary>Writes a section footer (0x7e, be32 section id).</summary>
    public void WriteFooter(uint sectionId)
    {
        WriteU8((byte)SectionType.Footer);
        WriteU32(sectionId);
    }

    /// <summary>Writes a MEM_SIZE record: be64 total|flags, then each block entry.</summary>
    public void WriteRamMemSize(IReadOnlyList<RamBlockInfo> blocks, RamPageFlags extraFlags = RamPageFlags.None)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        ulong total = 0;
        foreach (var b in blocks) total += b.UsedLength;
        WriteU64(total | (ulong)(RamPageFlags.MemSize | extraFlags));
        foreach (var b in blocks)
        {
            WriteCountedString(b.Name);
            WriteU64(b.UsedLength);
            if (b.PageSize is ulong ps) WriteU64(ps);
            if (b.MemoryRegionAddress is ulong mr) WriteU64(mr);
        }
    }

    /// <summary>
    /// Writes a RAM record header (be64 offset|flags and, unless CONTINUE is set, the block id).
    /// With <paramref name="flags"/> lacking CONTINUE the block id is written; pass CONTINUE to omit it.
    /// </summary>
    public void WriteRamHeader(ulong offset, RamPageFlags flags, string? blockName)
    {
        WriteU64(offset | (ulong)flags);
        var record = new RamRecord(offset, flags, blockName);
        if (record.HasBlockId)
        {
            ArgumentNullException.ThrowIfNull(blockName);
            WriteCountedString(blockName);
            _lastBlock = blockName;
        }
    }

    /// <summary>Writes a ZERO record. CONTINUE is chosen automatically when <paramref name="block"/> is the last block written, unless <paramref name="flags"/> is given.</summary>
    public void WriteRamZero(ulong offset, string block, byte fill = 0, RamPageFlags? flags = null)
    {
        WriteRamHeader(offset, flags ?? PageFlags(RamPageFlags.Zero, block), block);
        WriteU8(fill);
    }

    /// <summary>Writes a PAGE record with its page bytes.</summary>
    public void WriteRamPage(ulong offset, string block, ReadOnlySpan<byte> page, RamPageFlags? flags = null)
    {
        WriteRamHeader(offset, flags ?? PageFlags(RamPageFlags.Page, block), block);
        WriteBytes(page);
    }

    private RamPageFlags PageFlags(RamPageFlags kind, string block) =>
        block == _lastBlock ? kind | RamPageFlags.Continue : kind;

    /// <summary>Writes a RAM record that carries no block and no body (EOS, MULTIFD_FLUSH).</summary>
    public void WriteRamFlag(RamPageFlags flags, ulong offset = 0) => WriteU64(offset | (ulong)flags);

    /// <summary>Writes the be32 header of a spapr/htab body.</summary>
    public void WriteHtabHeader(uint header) => WriteU32(header);

    /// <summary>Writes a spapr/htab chunk header and its valid HPTEs.</summary>
    public void WriteHtabChunk(HtabChunk chunk, ReadOnlySpan<byte> validEntries)
    {
        WriteU32(chunk.Index);
        WriteU16(chunk.ValidCount);
        WriteU16(chunk.InvalidCount);
        WriteBytes(validEntries);
    }

    /// <summary>Writes a QEMU_VM_COMMAND with its data (for PACKAGED, the be32 blob length; the blob follows as records).</summary>
    public void WriteCommand(MigrationCommand command, ReadOnlySpan<byte> data)
    {
        WriteU8((byte)SectionType.Command);
        WriteU16((ushort)command);
        WriteU16(checked((ushort)data.Length));
        WriteBytes(data);
    }

    /// <summary>Writes QEMU_VM_EOF.</summary>
    public void WriteEof() => WriteU8((byte)SectionType.Eof);

    /// <summary>Writes the vmdesc trailer: 0x06, be32 length, JSON.</summary>
    public void WriteVmDescription(ReadOnlySpan<byte> utf8Json)
    {
        WriteU8((byte)SectionType.VmDescription);
        WriteU32((uint)utf8Json.Length);
        WriteBytes(utf8Json);
    }

    /// <summary>Writes raw bytes (a device body, a payload).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        BytesWritten += bytes.Length;
    }

    /// <summary>Writes the record the reader is positioned on, byte for byte, including its payload.</summary>
    public void CopyRecord(MigrationStreamReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        switch (reader.Kind)
        {
            case MigrationRecordKind.FileHeader: WriteFileHeader(reader.StreamVersion); return;
            case MigrationRecordKind.Configuration: WriteConfiguration(reader.Configuration!); return;
            case MigrationRecordKind.SectionHeader: WriteSectionHeader(reader.Section); return;
            case MigrationRecordKind.RamMemSize:
                PageSize = reader.PageSize;
                WriteRamMemSize(reader.RamBlocks, reader.Ram.Flags & ~RamPageFlags.MemSize);
                return;
            case MigrationRecordKind.RamZero:
                WriteRamHeader(reader.Ram.Offset, reader.Ram.Flags, reader.Ram.BlockName);
                WriteU8(reader.Ram.FillByte);
                return;
            case MigrationRecordKind.RamXbzrle:
                WriteRamHeader(reader.Ram.Offset, reader.Ram.Flags, reader.Ram.BlockName);
                WriteU8(reader.Ram.Encoding);
                WriteU16((ushort)reader.PayloadLength);
                break;
            case MigrationRecordKind.RamCompressedPage:
                WriteRamHeader(reader.Ram.Offset, reader.Ram.Flags, reader.Ram.BlockName);
                WriteU32((uint)reader.PayloadLength);
                break;
            case MigrationRecordKind.RamPage:
            case MigrationRecordKind.RamMultifdFlush:
            case MigrationRecordKind.RamEos:
            case MigrationRecordKind.RamHook:
                WriteRamHeader(reader.Ram.Offset, reader.Ram.Flags, reader.Ram.BlockName);
                break;
            case MigrationRecordKind.HtabHeader: WriteHtabHeader(reader.HtabHeader); return;
            case MigrationRecordKind.HtabChunk:
            case MigrationRecordKind.HtabEnd:
                WriteU32(reader.Htab.Index);
                WriteU16(reader.Htab.ValidCount);
                WriteU16(reader.Htab.InvalidCount);
                break;
            case MigrationRecordKind.DeviceState: break;
            case MigrationRecordKind.SectionFooter: WriteFooter(reader.FooterSectionId); return;
            case MigrationRecordKind.Command:
                WriteU8((byte)SectionType.Command);
                WriteU16((ushort)reader.Command.Command);
                WriteU16(reader.Command.Length);
                break;
            case MigrationRecordKind.Eof: WriteEof(); return;
            case MigrationRecordKind.VmDescription:
                WriteU8((byte)SectionType.VmDescription);
                WriteU32((uint)reader.PayloadLength);
                break;
            default:
                throw new InvalidOperationException($"cannot copy a {reader.Kind} record");
        }
        if (reader.PayloadLength > 0)
        {
            BytesWritten += reader.PayloadLength;
            reader.CopyPayloadTo(_output);
        }
    }

    /// <summary>Writes the configuration section: 0x07, be32 name length, name, then each subsection (0x05, name, be32 version, body).</summary>
    public void WriteConfiguration(ConfigurationSection configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        WriteU8((byte)SectionType.Configuration);
        WriteU32((uint)configuration.MachineNameBytes.Length);
        WriteBytes(configuration.MachineNameBytes);
        foreach (var s in configuration.Subsections)
        {
            WriteU8((byte)SectionType.Subsection);
            WriteCountedString(s.Name);
            WriteU32(s.Version);
            WriteBytes(s.Body);
        }
    }

    private void WriteCountedString(string s)
    {
        var n = Encoding.UTF8.GetByteCount(s);
        if (n is 0 or > 255) throw new ArgumentException($"'{s}' does not fit a counted string (1..255 bytes)", nameof(s));
        Span<byte> buf = stackalloc byte[256];
        buf[0] = (byte)n;
        Encoding.UTF8.GetBytes(s, buf[1..]);
        WriteBytes(buf[..(n + 1)]);
    }

    private void WriteU8(byte v)
    {
        _output.WriteByte(v);
        BytesWritten++;
    }

    private void WriteU16(ushort v)
    {
        BinaryPrimitives.WriteUInt16BigEndian(_scratch, v);
        WriteBytes(_scratch.AsSpan(0, 2));
    }

    private void WriteU32(uint v)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_scratch, v);
        WriteBytes(_scratch.AsSpan(0, 4));
    }

    private void WriteU64(ulong v)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_scratch, v);
        WriteBytes(_scratch.AsSpan(0, 8));
    }

    /// <summary>Flushes and disposes the output unless the writer was opened with leaveOpen.</summary>
    public void Dispose()
    {
        _output.Flush();
        if (!_leaveOpen) _output.Dispose();
    }
}
