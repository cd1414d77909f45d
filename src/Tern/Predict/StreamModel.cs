using Tern.Wire;

namespace Tern.Predict;

/// <summary>
/// What a migration stream says, decoded: the configuration, the RAM blocks, and each device section with its
/// state. The Simulator produces one and writes it as real bytes; the Loader reads it back from any stream.
/// </summary>
public sealed class StreamModel
{
    /// <summary>The configuration section (machine type and subsections).</summary>
    public required ConfigurationSection Configuration { get; init; }
    /// <summary>The RAM blocks from MEM_SIZE.</summary>
    public required IReadOnlyList<RamBlockInfo> RamBlocks { get; init; }
    /// <summary>The device sections in stream order.</summary>
    public required IReadOnlyList<DeviceSection> Devices { get; init; }
    /// <summary>Iterative sections other than RAM (e.g. <c>spapr/htab</c>) with their version, in order.</summary>
    public IReadOnlyList<(string IdStr, uint Version)> IterativeSections { get; init; } = [];
    /// <summary>Target page size.</summary>
    public int PageSize { get; init; } = 4096;
    /// <summary>The spapr/htab START header value (HPT shift), when the stream has that section.</summary>
    public uint? HtabShift { get; init; }

    /// <summary>The first device section with this idstr, or null.</summary>
    public DeviceSection? Device(string idstr) => Devices.FirstOrDefault(d => d.IdStr == idstr);
}
