using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// The span core for one subsection of the configuration section (0x05, u8-counted name, be32 version, body).
/// The body has no length on the wire: the three subsections QEMU defines have known layouts, any other is framed
/// by the vmdesc's description of the configuration.
/// </summary>
internal static class ConfigurationSubsectionParser
{
    private const string Prefix = "configuration/";

    /// <summary>
    /// Parses the subsection at the start of <paramref name="window"/>, which begins with 0x05. When its name does not
    /// start with <c>configuration/</c> it belongs to no one here (vmstate_subsection_load): the result is complete with
    /// 0 bytes and a null <paramref name="subsection"/>.
    /// </summary>
    public static ParseStatus TryRead(ReadOnlySpan<byte> window, VmDescription? vmdesc, int maxRecordBytes, out ConfigurationSubsection? subsection)
    {
        subsection = null;
        if (window.Length < 2) return ParseStatus.NeedMore(2, "a configuration subsection header");
        var nameLen = window[1];
        var bodyStart = 2 + nameLen + 4;
        if (window.Length < bodyStart) return ParseStatus.NeedMore(bodyStart, "a configuration subsection header");
        var nameBytes = window.Slice(2, nameLen);
        if (!WireName.TryDecode(nameBytes, out var name)) return ParseStatus.Invalid(WireName.NotUtf8(nameBytes, "a configuration subsection name"));
        if (!name.StartsWith(Prefix, StringComparison.Ordinal)) return ParseStatus.Done(0);
        var version = BinaryPrimitives.ReadUInt32BigEndian(window.Slice(2 + nameLen, 4));
        var status = name switch
        {
            ConfigurationSection.TargetPageBitsName => ParseStatus.Done(4),
            ConfigurationSection.UuidName => ParseStatus.Done(16),
            ConfigurationSection.CapabilitiesName => CapabilitiesLength(window, bodyStart),
            _ => LengthFromVmdesc(name, vmdesc, maxRecordBytes),
        };
        if (status.NeedsMore || status.IsInvalid) return status;
        var end = bodyStart + status.Consumed;
        if (window.Length < end) return ParseStatus.NeedMore(end, $"the body of {name}");
        subsection = new ConfigurationSubsection(name, version, window[bodyStart..end].ToArray());
        return ParseStatus.Done(end);
    }

    // configuration/capabilities: be32 caps_count, then that many u8-counted names. Done(n) here is the body length.
    private static ParseStatus CapabilitiesLength(ReadOnlySpan<byte> window, int bodyStart)
    {
        if (window.Length < bodyStart + 4) return ParseStatus.NeedMore(bodyStart + 4, "caps_count");
        var count = BinaryPrimitives.ReadUInt32BigEndian(window.Slice(bodyStart, 4));
        if (count > 1024) return ParseStatus.Invalid($"configuration/capabilities: caps_count {count} is implausible");
        var pos = bodyStart + 4;
        for (var i = 0; i < count; i++)
        {
            if (window.Length < pos + 1) return ParseStatus.NeedMore(pos + 1, "a capability name");
            pos += 1 + window[pos];
        }
        return ParseStatus.Done(pos - bodyStart);
    }

    private static ParseStatus LengthFromVmdesc(string name, VmDescription? vmdesc, int maxRecordBytes)
    {
        var desc = vmdesc?.Configuration?.Subsections.FirstOrDefault(s => s.Name == name);
        if (desc is null) return ParseStatus.Invalid($"unknown configuration subsection '{name}' and no vmdesc describes it");
        var length = VmDescription.BodyLength(desc);
        if (length > maxRecordBytes - 1024)
            return ParseStatus.Invalid($"the vmdesc gives configuration subsection '{name}' {length} bytes, more than the {maxRecordBytes}-byte limit for in-memory records");
        return ParseStatus.Done((int)length);
    }
}
