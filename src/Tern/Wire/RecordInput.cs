namespace Tern.Wire;

/// <summary>
/// Joins the span core to the <see cref="StreamFeeder"/>: gives a parser the bytes it asked for, consumes the unit it
/// completed, and turns a short input or invalid bytes into the <see cref="MigrationStreamException"/> of the record
/// being read (its offset and section).
/// </summary>
internal sealed class RecordInput
{
    private readonly int _maxRecordBytes;

    public RecordInput(StreamFeeder feeder, int maxRecordBytes)
    {
        Feeder = feeder;
        _maxRecordBytes = maxRecordBytes;
    }

    /// <summary>The I/O half.</summary>
    public StreamFeeder Feeder { get; }

    /// <summary>Absolute offset of the current record's first byte (where errors are reported).</summary>
    public long RecordOffset { get; set; }

    /// <summary>The section the current record belongs to (named in errors); default outside any section.</summary>
    public SectionHeader Section { get; set; }

    /// <summary>
    /// Buffers what <paramref name="status"/> needs and returns the window to parse again. A need beyond the in-memory
    /// limit is an error of the record; an input that ends first is a truncation at the unit's start.
    /// </summary>
    public ReadOnlySpan<byte> Refill(scoped in ParseStatus status)
    {
        if (status.Needed > _maxRecordBytes)
            throw Error($"{status.Message} would take {status.Needed} bytes, more than the {_maxRecordBytes}-byte limit for in-memory records");
        if (!Feeder.Ensure(status.Needed)) throw Truncated(status.Message!);
        return Feeder.Window;
    }

    /// <summary>Consumes the unit <paramref name="status"/> completed, or throws its reason when the bytes were invalid.</summary>
    public void Accept(in ParseStatus status)
    {
        if (status.IsInvalid) throw Error(status.Message!);
        Feeder.Advance(status.Consumed);
    }

    /// <summary>The input ended before <paramref name="expected"/>: reported at the next unread byte.</summary>
    public MigrationStreamException Truncated(string expected) =>
        new(Feeder.Position, SectionName(), $"stream truncated: expected {expected}, but the input ends after {Feeder.Available} more byte(s)");

    /// <summary>The current record breaks the format: reported at its first byte.</summary>
    public MigrationStreamException Error(string reason) => new(RecordOffset, SectionName(), reason);

    private string? SectionName() => Section.IdStr is null ? null : Section.DisplayName;
}
