using Tern.Vmstate;

namespace Tern.Wire;

/// <summary>
/// Frames a device section's body, which has no length on the wire: by the vmdesc entry for its idstr and instance
/// (whose version must be the header's), else by an <see cref="IDeviceBodyFramer"/>, else not at all.
/// </summary>
internal static class DeviceBodyFraming
{
    // A schema frames by walking the body, so it needs the whole body in view (spapr_iommu's TCE table is 2 MiB).
    private const int FramerLookahead = 32 << 20;

    /// <summary>The body length of <paramref name="header"/>'s section, whose body starts at the next unread byte.</summary>
    public static long BodyLength(in SectionHeader header, VmDescription? vmdesc, IDeviceBodyFramer? framer, RecordInput input, int maxRecordBytes)
    {
        if (vmdesc?.Find(header.IdStr, header.InstanceId) is { } device)
        {
            if (!device.IsLegacy && device.Vmsd.VersionId != header.VersionId)
                throw input.Error($"the vmdesc describes version {device.Vmsd.VersionId} but the section header says {header.VersionId}");
            return VmDescription.BodyLength(device);
        }
        if (framer is not null)
        {
            input.Feeder.Ensure(Math.Min(maxRecordBytes, FramerLookahead));
            var len = framer.GetBodyLength(header, input.Feeder.Window);
            if (len >= 0) return len;
        }
        var why = vmdesc is null
            ? "the stream has no vmdesc trailer and no schema was given"
            : "the vmdesc has no entry for it";
        throw input.Error($"cannot frame the body of device section '{header.DisplayName}' (version {header.VersionId}): {why}");
    }
}
