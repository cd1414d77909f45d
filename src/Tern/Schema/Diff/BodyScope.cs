namespace Tern.Schema.Diff;

/// <summary>Where a comparison is: the section, the report path, and whether the sender may not send this part at all.</summary>
/// <param name="Section">The section.</param>
/// <param name="Path">The report path of the VMSD body being compared.</param>
/// <param name="Conditional">True inside a subsection a dump's sender sends only when its needed() is true.</param>
internal sealed record BodyScope(SectionRef Section, string Path, bool Conditional)
{
    /// <summary><see cref="FindingSeverity.Breaks"/>, or <see cref="FindingSeverity.BreaksIfSent"/> inside a conditional part.</summary>
    public FindingSeverity Breaking => Conditional ? FindingSeverity.BreaksIfSent : FindingSeverity.Breaks;
}
