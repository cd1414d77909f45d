using Tern.Vmstate;

namespace Tern.Wire;

/// <summary>One pass over a stream that counts sections, RAM pages and bytes, skipping every payload.</summary>
public static class StreamSummarizer
{
    /// <summary>Reads the whole stream; <paramref name="progress"/> gets the byte position now and then.</summary>
    public static StreamSummary Summarize(MigrationStreamReader reader, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var summary = new StreamSummary();
        var sections = new Dictionary<uint, SectionStats>();
        var blocks = new Dictionary<string, RamBlockStats>(StringComparer.Ordinal);
        SectionStats? current = null;
        long sectionStart = 0;
        var nextProgress = 64L << 20;
        while (reader.Read())
        {
            if (progress is not null && reader.RecordOffset >= nextProgress)
            {
                progress(reader.RecordOffset);
                nextProgress = reader.RecordOffset + (64L << 20);
            }
            switch (reader.Kind)
            {
                case MigrationRecordKind.FileHeader: summary.StreamVersion = reader.StreamVersion; break;
                case MigrationRecordKind.Configuration: summary.Configuration = reader.Configuration; break;
                case MigrationRecordKind.SectionHeader:
                    var h = reader.Section;
                    if (!sections.TryGetValue(h.SectionId, out current) || h.HasFullHeader && current.Header.Type == SectionType.Full)
                    {
                        current = new SectionStats(h, reader.RecordOffset);
                        sections[h.SectionId] = current;
                        summary.Sections.Add(current);
                    }
                    current.Parts++;
                    sectionStart = reader.RecordOffset;
                    break;
                case MigrationRecordKind.RamMemSize:
                    foreach (var b in reader.RamBlocks) Block(blocks, summary, b.Name).UsedLength = b.UsedLength;
                    break;
                case MigrationRecordKind.RamZero: Count(blocks, summary, reader).ZeroPages++; break;
                case MigrationRecordKind.RamPage: Count(blocks, summary, reader).NormalPages++; break;
                case MigrationRecordKind.RamXbzrle: Count(blocks, summary, reader).XbzrlePages++; break;
                case MigrationRecordKind.RamCompressedPage: Count(blocks, summary, reader).CompressedPages++; break;
                case MigrationRecordKind.RamEos:
                case MigrationRecordKind.HtabHeader:
                case MigrationRecordKind.HtabEnd:
                case MigrationRecordKind.DeviceState:
                    if (current is not null) current.Bytes += reader.Position + reader.PayloadLength - sectionStart;
                    sectionStart = reader.Position + reader.PayloadLength;
                    break;
                case MigrationRecordKind.SectionFooter:
                    summary.HasFooters = true;
                    if (current is not null) current.Bytes += reader.Position - sectionStart;
                    sectionStart = reader.Position;
                    break;
                case MigrationRecordKind.Command: summary.Commands.Add(reader.Command.Command); break;
                case MigrationRecordKind.VmDescription:
                    summary.HasVmDescription = true;
                    summary.VmDescriptionBytes = reader.PayloadLength;
                    summary.TotalBytes = reader.Position + reader.PayloadLength;
                    break;
            }
            if (reader.Kind != MigrationRecordKind.VmDescription) summary.TotalBytes = reader.Position + reader.PayloadLength;
        }
        summary.PageSize = reader.PageSize;
        summary.VmDescription = reader.VmDescription;
        if (reader.VmDescription is { } desc)
        {
            foreach (var s in summary.Sections)
            {
                if (desc.Find(s.Header.IdStr, s.Header.InstanceId) is { } d) s.Subsections = SubsectionPaths(d.Vmsd).ToList();
            }
        }
        return summary;
    }

    private static IEnumerable<string> SubsectionPaths(Vmsd vmsd)
    {
        foreach (var s in vmsd.Subsections)
        {
            yield return s.Name;
            foreach (var n in SubsectionPaths(s)) yield return n;
        }
        foreach (var f in vmsd.Fields)
        {
            if (f.Struct is null) continue;
            foreach (var n in SubsectionPaths(f.Struct)) yield return n;
        }
    }

    private static RamBlockStats Count(Dictionary<string, RamBlockStats> blocks, StreamSummary summary, MigrationStreamReader reader)
    {
        var b = Block(blocks, summary, reader.Ram.BlockName ?? "?");
        b.StreamBytes += reader.Position - reader.RecordOffset + reader.PayloadLength;
        return b;
    }

    private static RamBlockStats Block(Dictionary<string, RamBlockStats> blocks, StreamSummary summary, string name)
    {
        if (blocks.TryGetValue(name, out var b)) return b;
        b = new RamBlockStats(name);
        blocks[name] = b;
        summary.RamBlocks.Add(b);
        return b;
    }
}
