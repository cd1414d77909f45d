namespace Tern.Wire;

/// <summary>What <c>tern inspect</c> reports about a stream without decoding device state.</summary>
public sealed class StreamSummary
{
    /// <summary>Stream version from the header (3).</summary>
    public uint StreamVersion { get; internal set; }
    /// <summary>The configuration section, when sent.</summary>
    public ConfigurationSection? Configuration { get; internal set; }
    /// <summary>Target page size used to decode RAM records.</summary>
    public int PageSize { get; internal set; }
    /// <summary>Sections in order of first appearance.</summary>
    public List<SectionStats> Sections { get; } = [];
    /// <summary>RAM blocks in order of first appearance.</summary>
    public List<RamBlockStats> RamBlocks { get; } = [];
    /// <summary>Commands seen (QEMU_VM_COMMAND), in order.</summary>
    public List<MigrationCommand> Commands { get; } = [];
    /// <summary>True when section footers are present.</summary>
    public bool HasFooters { get; internal set; }
    /// <summary>True when the stream ends with a vmdesc trailer.</summary>
    public bool HasVmDescription { get; internal set; }
    /// <summary>Byte size of the vmdesc JSON.</summary>
    public long VmDescriptionBytes { get; internal set; }
    /// <summary>The vmdesc, when present or given.</summary>
    public VmDescription? VmDescription { get; internal set; }
    /// <summary>Total stream bytes.</summary>
    public long TotalBytes { get; internal set; }
    /// <summary>Total RAM bytes announced by MEM_SIZE.</summary>
    public ulong RamBytes => RamBlocks.Aggregate(0UL, (a, b) => a + b.UsedLength);
}
