using Tern.Cli.Reports;
using Tern.Wire;

namespace Tern.Bench;

/// <summary>The loop of InspectCommand.State (<c>inspect --json</c>) with the CLI's own writer.</summary>
internal static class StateJson
{
    /// <summary>Reads the whole stream and writes its state JSON to <paramref name="output"/>; returns the bytes written.</summary>
    public static long Write(MigrationStreamReader reader, Stream output)
    {
        using var _ = reader;
        var start = output.CanSeek ? output.Position : 0;
        using (var buffered = new BufferedStream(output, 1 << 16))
        {
            using (var state = new StateJsonWriter(buffered))
            {
                SectionHeader section = default;
                while (reader.Read())
                {
                    switch (reader.Kind)
                    {
                        case MigrationRecordKind.SectionHeader:
                            section = reader.Section;
                            if (section.IdStr == "spapr/htab" && section.Type == SectionType.Start) state.WriteOpaque(section);
                            break;
                        case MigrationRecordKind.RamMemSize:
                            state.WriteRam(section, reader.RamBlocks);
                            break;
                        case MigrationRecordKind.DeviceState:
                            state.WriteDevice(reader.VmDescription!.Find(section.IdStr, section.InstanceId)!, section, reader.GetPayload(), reader.RecordOffset);
                            break;
                    }
                }
            }
            buffered.Flush();
            return output.CanSeek ? output.Position - start : output.Length;
        }
    }
}
