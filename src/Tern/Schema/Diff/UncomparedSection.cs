namespace Tern.Schema.Diff;

/// <summary>A section of the sending side that has no counterpart to compare with, for a reason that is not a finding.</summary>
/// <param name="Direction">The migration it concerns.</param>
/// <param name="Section">The sending side's section.</param>
/// <param name="InstanceId">Its instance id when known.</param>
/// <param name="Reason">Why it was not compared.</param>
public sealed record UncomparedSection(MigrationDirection Direction, string Section, uint? InstanceId, string Reason);
