namespace Tern.Fleet;

/// <summary>Counts of a plan's work: pairs asked, and the distinct classes the engine actually judged.</summary>
/// <param name="Pairs">VM × target pairs in the plan (each judged both ways).</param>
/// <param name="VmClasses">Distinct migration-relevant VM configurations.</param>
/// <param name="HostClasses">Distinct hosts (same knowledge, target and facts).</param>
/// <param name="EngineCalls">Predictions the engine made (distinct configuration × source class × destination class, suggestions included).</param>
public sealed record PlanStatistics(long Pairs, int VmClasses, int HostClasses, int EngineCalls);
