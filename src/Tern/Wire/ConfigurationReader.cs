namespace Tern.Wire;

/// <summary>
/// Reads the configuration section (QEMU_VM_CONFIGURATION, migration/savevm.c vmstate_configuration): the machine
/// type name, then each subsection that belongs to it, unit by unit through the span core.
/// </summary>
internal static class ConfigurationReader
{
    /// <summary>Reads the section whose 0x07 is the next unread byte; <paramref name="vmdesc"/> frames unknown subsections.</summary>
    public static ConfigurationSection Read(RecordInput input, VmDescription? vmdesc, int maxRecordBytes)
    {
        var feeder = input.Feeder;
        var s = RecordHeaderParser.TryReadConfigurationHeader(feeder.Window, out var name);
        while (s.NeedsMore) s = RecordHeaderParser.TryReadConfigurationHeader(input.Refill(s), out name);
        input.Accept(s);
        var subs = new List<ConfigurationSubsection>();
        while (feeder.Ensure(1) && feeder.Window[0] == (byte)SectionType.Subsection)
        {
            s = ConfigurationSubsectionParser.TryRead(feeder.Window, vmdesc, maxRecordBytes, out var sub);
            while (s.NeedsMore) s = ConfigurationSubsectionParser.TryRead(input.Refill(s), vmdesc, maxRecordBytes, out sub);
            input.Accept(s);
            if (sub is null) break; // another VMSD's subsection: the configuration ends before it
            subs.Add(sub);
        }
        return new ConfigurationSection(name, subs);
    }
}
