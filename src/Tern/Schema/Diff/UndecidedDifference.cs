namespace Tern.Schema.Diff;

/// <summary>
/// A difference whose effect the two inputs cannot settle (e.g. a buffer whose size may be a per-stream VBUFFER
/// length, or a subsection the destination's stream did not send). Never counted as breaking; reported so that
/// nothing is hidden.
/// </summary>
/// <param name="Code">A stable identifier (<see cref="FindingCodes"/>).</param>
/// <param name="Direction">The migration it concerns.</param>
/// <param name="Section">The section.</param>
/// <param name="InstanceId">The section instance id when known.</param>
/// <param name="Path">Where in the section.</param>
/// <param name="Message">What differs.</param>
/// <param name="Why">What the inputs do not tell, and what would settle it.</param>
public sealed record UndecidedDifference(
    string Code,
    MigrationDirection Direction,
    string Section,
    uint? InstanceId,
    string Path,
    string Message,
    string Why);
