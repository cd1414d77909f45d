using Tern.Decode;
using Tern.Wire;

namespace Tern.Predict;

/// <summary>Reads a whole stream (real or simulated) into a <see cref="StreamModel"/>, decoding each device with the vmdesc.</summary>
public static class StreamModelReader
{
    /// <summary>Reads a stream held in memory, without copying it into a reader buffer.</summary>
    public static StreamModel Read(byte[] bytes) => Read(bytes, null);

    /// <summary>
    /// Reads a stream held in memory; <paramref name="decoded"/> may give the i-th device section, described by the
    /// given vmdesc entry, already decoded (what decoding its body with that entry gives: the reader then skips that
    /// body), or null to decode it.
    /// </summary>
    internal static StreamModel Read(byte[] bytes, Func<int, VmDescriptionDevice, DeviceSection?>? decoded)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Read(new ArraySegment<byte>(bytes), decoded);
    }

    /// <summary>
    /// Reads a stream held in part of an array. Device bodies are decoded in place: the model's fields are slices of
    /// <paramref name="bytes"/> (which must not change afterwards), so a 2 MiB TCE table is neither copied out of the
    /// reader's buffer nor into a body of its own.
    /// </summary>
    /// <remarks><paramref name="bodies"/>, when given, gets each device section's body (a slice of <paramref name="bytes"/>).</remarks>
    internal static StreamModel Read(ArraySegment<byte> bytes, Func<int, VmDescriptionDevice, DeviceSection?>? decoded, List<ReadOnlyMemory<byte>>? bodies = null) =>
        Read(new MemoryStream(bytes.Array!, bytes.Offset, bytes.Count, writable: false, publiclyVisible: true), decoded, bytes, bodies);

    /// <summary>Reads the stream; throws <see cref="MigrationStreamException"/> for bad input.</summary>
    public static StreamModel Read(Stream input) => Read(input, null, default, null);

    private static StreamModel Read(Stream input, Func<int, VmDescriptionDevice, DeviceSection?>? decoded, ArraySegment<byte> backing, List<ReadOnlyMemory<byte>>? bodies)
    {
        using var reader = new MigrationStreamReader(input, leaveOpen: true);
        ConfigurationSection? configuration = null;
        IReadOnlyList<RamBlockInfo> blocks = [];
        var devices = new List<DeviceSection>();
        var iterative = new List<(string, uint)>();
        SectionHeader section = default;
        long sectionOffset = 0;
        uint? htab = null;
        while (reader.Read())
        {
            switch (reader.Kind)
            {
                case MigrationRecordKind.Configuration: configuration = reader.Configuration; break;
                case MigrationRecordKind.SectionHeader:
                    section = reader.Section;
                    sectionOffset = reader.RecordOffset;
                    if (section.Type == SectionType.Start && section.IdStr != "ram") iterative.Add((section.IdStr, section.VersionId));
                    break;
                case MigrationRecordKind.RamMemSize: blocks = reader.RamBlocks; break;
                case MigrationRecordKind.HtabHeader when section.Type == SectionType.Start: htab = reader.HtabHeader; break;
                case MigrationRecordKind.DeviceState:
                    var desc = reader.VmDescription?.Find(section.IdStr, section.InstanceId)
                        ?? throw new MigrationStreamException(reader.RecordOffset, section.DisplayName, "no vmdesc entry describes this section");
                    if (decoded?.Invoke(devices.Count, desc) is { } known && known.IdStr == section.IdStr
                        && known.InstanceId == section.InstanceId && known.Version == section.VersionId)
                    {
                        if (bodies is not null && backing.Array is not null) bodies.Add(InPlace(reader, backing));
                        devices.Add(known with { Offset = sectionOffset });
                        break;
                    }
                    try
                    {
                        var inPlace = backing.Array is null ? default : InPlace(reader, backing);
                        bodies?.Add(inPlace);
                        var state = backing.Array is null
                            ? VmStateDecoder.DecodeDevice(desc, section, reader.GetPayload(), reader.RecordOffset)
                            : VmStateDecoder.DecodeDevice(desc, section, inPlace, reader.RecordOffset);
                        devices.Add(new DeviceSection(section.IdStr, section.InstanceId, section.VersionId, desc, state.Body, sectionOffset));
                    }
                    catch (VmStateDecodeException e)
                    {
                        throw new MigrationStreamException(e.Offset, section.DisplayName, e.Message);
                    }
                    break;
            }
        }
        return new StreamModel
        {
            Configuration = configuration ?? new ConfigurationSection(""),
            RamBlocks = blocks,
            Devices = devices,
            IterativeSections = iterative,
            PageSize = reader.PageSize,
            HtabShift = htab,
        };
    }

    // The payload as a slice of the array the stream reads from (the reader's offsets count from the segment's start).
    // The reader has already framed the payload within the stream, so the slice is in bounds; GetPayload then costs
    // nothing more than the reader's own framing.
    private static ReadOnlyMemory<byte> InPlace(MigrationStreamReader reader, ArraySegment<byte> backing)
    {
        var length = reader.GetPayload().Length;
        return backing.AsMemory().Slice(checked((int)reader.RecordOffset), length);
    }
}
