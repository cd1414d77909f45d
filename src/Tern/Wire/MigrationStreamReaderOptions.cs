namespace Tern.Wire;

/// <summary>Options for <see cref="MigrationStreamReader"/>.</summary>
public sealed class MigrationStreamReaderOptions
{
    /// <summary>
    /// The vmdesc to frame device sections with. When null the reader finds the stream's own trailer:
    /// by seeking to the tail when the input can seek, else by buffering the (small) tail once the first
    /// device section is reached.
    /// </summary>
    public VmDescription? VmDescription { get; init; }

    /// <summary>Frames device sections that the vmdesc does not describe (e.g. from a <c>-dump-vmstate</c> schema).</summary>
    public IDeviceBodyFramer? Framer { get; init; }

    /// <summary>Target page size to assume when neither the configuration section nor the vmdesc says (default 4096).</summary>
    public int DefaultPageSize { get; init; } = 4096;

    /// <summary>Upper bound for any record held in memory at once (device body, vmdesc JSON, command, buffered tail).</summary>
    public int MaxRecordBytes { get; init; } = 256 << 20;

    /// <summary>Size of the read buffer.</summary>
    public int BufferSize { get; init; } = 1 << 20;
}
