namespace Tern.Wire;

/// <summary>
/// Reads section footers (migration/savevm.c check_section_footer: 0x7e and the be32 section id, sent when
/// send-section-footer is on). The first body end says whether the stream has them; from then on every body must end
/// with one.
/// </summary>
internal sealed class SectionFooterReader
{
    private readonly RecordInput _input;
    private bool? _footers;

    public SectionFooterReader(RecordInput input) => _input = input;

    /// <summary>Reads the current section's footer when the next byte starts one; false, with nothing read, in a stream without footers.</summary>
    public bool TryRead(out uint sectionId)
    {
        var feeder = _input.Feeder;
        if (feeder.Ensure(1) && feeder.Window[0] == (byte)SectionType.Footer)
        {
            var section = _input.Section;
            var s = RecordHeaderParser.TryReadFooter(feeder.Window, section, out sectionId);
            while (s.NeedsMore) s = RecordHeaderParser.TryReadFooter(_input.Refill(s), section, out sectionId);
            _input.Accept(s);
            _footers = true;
            return true;
        }
        if (_footers == true) throw _input.Error($"Missing section footer for {_input.Section.IdStr}");
        _footers = false;
        sectionId = 0;
        return false;
    }
}
