using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// Turns a stream's vmdesc (<see cref="VmDescription"/>, spec §12) into a <see cref="VmstateSchema"/>. Runs of entries
/// that describe one array element by element (<c>index</c> entries, 10.0+ null-pointer runs) become one field with
/// the total count, so that a vmdesc lines up field by field with a dump.
/// </summary>
public static class VmDescriptionSchemaConverter
{
    /// <summary>What every vmdesc knows.</summary>
    public const SchemaFacts Facts = SchemaFacts.WireSizes | SchemaFacts.TypeNames | SchemaFacts.SentArrayLengths
                                     | SchemaFacts.MachineLevelSections | SchemaFacts.InstanceIds;

    /// <summary>Converts a parsed vmdesc; <paramref name="machineType"/> comes from the stream's configuration section when there is one.</summary>
    public static VmstateSchema Convert(VmDescription vmdesc, string origin, SchemaInputKind inputKind = SchemaInputKind.MigrationStream, string? machineType = null)
    {
        ArgumentNullException.ThrowIfNull(vmdesc);
        ArgumentNullException.ThrowIfNull(origin);
        var sections = new List<SchemaSection>(vmdesc.Devices.Count);
        foreach (var d in vmdesc.Devices)
        {
            var vmsd = ToVmsd(d.Vmsd);
            sections.Add(new SchemaSection(d.Name, d.InstanceId, vmsd.VersionId, null, vmsd, d.IsLegacy));
        }
        var facts = machineType is null ? Facts : Facts | SchemaFacts.MachineType;
        return new VmstateSchema(origin, SchemaSource.StreamDescription, inputKind, facts, machineType, sections);
    }

    /// <summary>Converts one VMSD description (fields collapsed into logical fields, subsections as sent).</summary>
    public static Vmsd ToVmsd(Vmsd description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var fields = new List<VmsdField>(description.Fields.Count);
        var i = 0;
        while (i < description.Fields.Count)
        {
            var end = RunEnd(description.Fields, i);
            fields.Add(Collapse(description.Fields, i, end));
            i = end;
        }
        var subs = new List<Vmsd>(description.Subsections.Count);
        foreach (var s in description.Subsections) subs.Add(ToVmsd(s));
        return new Vmsd(description.Name, description.VersionId, null, fields, subs);
    }

    // Entries [start, end) describe one array when they share a name and are element entries (index, array_len or
    // null-pointer runs). QEMU makes names of distinct fields unique, so equal neighbours are one field.
    private static int RunEnd(IReadOnlyList<VmsdField> fields, int start)
    {
        var first = fields[start];
        var end = start + 1;
        if (!IsElementEntry(first)) return end;
        while (end < fields.Count && fields[end].Name == first.Name && (IsElementEntry(fields[end]) || IsElementEntry(fields[end - 1])))
            end++;
        return end;
    }

    private static bool IsElementEntry(VmsdField f) => f.Index.HasValue || f.ArrayLength.HasValue || f.Type == "nullptr";

    private static VmsdField Collapse(IReadOnlyList<VmsdField> fields, int start, int end)
    {
        var first = fields[start];
        var representative = first;
        long count = 0;
        for (var k = start; k < end; k++)
        {
            count += fields[k].Count;
            if (representative.Type == "nullptr" && fields[k].Type != "nullptr") representative = fields[k];
        }
        int? arrayLength = end - start > 1 || first.ArrayLength.HasValue || first.Index.HasValue ? (int)Math.Min(count, int.MaxValue) : null;
        Vmsd? child = representative.Struct is null ? null : MergedStruct(fields, start, end, representative.Struct);
        return new VmsdField(first.Name, representative.Size, FieldSizeKind.Wire, null, null, arrayLength, representative.Type, child);
    }

    // Elements of an array of structs may each send different subsections: the logical field lists them all.
    private static Vmsd MergedStruct(IReadOnlyList<VmsdField> fields, int start, int end, Vmsd representative)
    {
        var vmsd = ToVmsd(representative);
        if (end - start == 1) return vmsd;
        var subs = new List<Vmsd>(vmsd.Subsections);
        var seen = new HashSet<string>(subs.Select(s => s.Name), StringComparer.Ordinal);
        for (var k = start; k < end; k++)
        {
            if (fields[k].Struct is not { } st) continue;
            foreach (var s in st.Subsections)
                if (seen.Add(s.Name)) subs.Add(ToVmsd(s));
        }
        return vmsd with { Subsections = subs };
    }
}
