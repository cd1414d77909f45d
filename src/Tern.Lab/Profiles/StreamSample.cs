using Tern.Decode;
using Tern.Wire;

namespace Tern.Lab.Profiles;

/// <summary>What a real stream tells about a configuration: its vmdesc, its sections, and (ARM) the cpreg list.</summary>
/// <param name="StreamBytes">Stream size.</param>
/// <param name="VmDescriptionJson">The vmdesc trailer (UTF-8 JSON) exactly as QEMU wrote it.</param>
/// <param name="Sections">Device sections in stream order: idstr, instance, version.</param>
/// <param name="CpregIndexes">ARM: <c>cpreg_vmstate_indexes</c> of CPU 0, or null.</param>
/// <param name="CpregValues">ARM: <c>cpreg_vmstate_values</c> of CPU 0, or null.</param>
public sealed record StreamSample(long StreamBytes, byte[]? VmDescriptionJson, IReadOnlyList<(string IdStr, uint Instance, uint Version)> Sections,
    IReadOnlyList<ulong>? CpregIndexes, IReadOnlyList<ulong>? CpregValues)
{
    /// <summary>Reads a stream file with <see cref="MigrationStreamReader"/>.</summary>
    public static StreamSample Read(string path)
    {
        using var file = File.OpenRead(path);
        using var r = new MigrationStreamReader(file);
        byte[]? vmdesc = null;
        var sections = new List<(string, uint, uint)>();
        List<ulong>? indexes = null, values = null;
        var section = default(SectionHeader);
        while (r.Read())
        {
            switch (r.Kind)
            {
                case MigrationRecordKind.SectionHeader:
                    section = r.Section;
                    if (section.HasFullHeader) sections.Add((section.IdStr, section.InstanceId, section.VersionId));
                    break;
                case MigrationRecordKind.DeviceState when section.IdStr == "cpu" && section.InstanceId == 0 && indexes is null:
                    var desc = r.VmDescription?.Find("cpu", 0);
                    if (desc is null) break;
                    var state = VmStateDecoder.DecodeDevice(desc, section, r.GetPayload(), r.RecordOffset);
                    var ix = Values(state.Body, "cpreg_vmstate_indexes");
                    if (ix.Count > 0)
                    {
                        indexes = ix;
                        values = Values(state.Body, "cpreg_vmstate_values");
                    }
                    break;
                case MigrationRecordKind.VmDescription:
                    vmdesc = r.GetPayload().ToArray();
                    break;
            }
        }
        return new StreamSample(file.Length, vmdesc, sections, indexes, values);
    }

    /// <summary>Every element of an integer array field, whether the decoder gives one value per element or one packed value.</summary>
    private static List<ulong> Values(VmsdValue body, string name) =>
        body.Elements(name).SelectMany(f => Enumerable.Range(0, f.Count).Select(f.ElementUInt64)).ToList();
}
