namespace Tern.Wire;

/// <summary>
/// Reads section headers with the <see cref="RecordHeaderParser"/> and keeps each START's header, so that PART and
/// END, which carry only the id, get its idstr, instance and version.
/// </summary>
internal sealed class SectionHeaderReader
{
    private readonly RecordInput _input;
    private readonly Dictionary<uint, SectionHeader> _starts = [];

    public SectionHeaderReader(RecordInput input) => _input = input;

    /// <summary>Reads the header of a <paramref name="type"/> section (START, FULL, PART or END) at the next unread byte.</summary>
    public SectionHeader Read(SectionType type) =>
        type is SectionType.Start or SectionType.Full ? ReadFull(type) : ReadShort(type);

    private SectionHeader ReadFull(SectionType type)
    {
        var s = RecordHeaderParser.TryReadFullSectionHeader(_input.Feeder.Window, type, out var header);
        while (s.NeedsMore) s = RecordHeaderParser.TryReadFullSectionHeader(_input.Refill(s), type, out header);
        _input.Accept(s);
        if (type == SectionType.Start) _starts[header.SectionId] = header;
        return header;
    }

    private SectionHeader ReadShort(SectionType type)
    {
        var s = RecordHeaderParser.TryReadShortSectionHeader(_input.Feeder.Window, out var id);
        while (s.NeedsMore) s = RecordHeaderParser.TryReadShortSectionHeader(_input.Refill(s), out id);
        if (!_starts.TryGetValue(id, out var start)) throw _input.Error($"Unknown savevm section {id}: no START section has that id");
        _input.Accept(s);
        return start with { Type = type };
    }
}
