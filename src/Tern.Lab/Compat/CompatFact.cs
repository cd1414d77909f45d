namespace Tern.Lab.Compat;

/// <summary>A static difference between two builds, found without migrating (profiles and <c>-dump-vmstate</c>).</summary>
/// <param name="Code">Stable code, e.g. <c>default-cpu-moved</c>, <c>spapr-cap-effective</c>, or a <c>tern diff</c> finding code.</param>
/// <param name="Direction"><c>forward</c> (old → new), <c>backward</c> (new → old) or <c>both</c>.</param>
/// <param name="Message">One line a reviewer reads.</param>
/// <param name="Remedy">What avoids the difference, when there is a known one.</param>
/// <param name="Breaks">True when the difference alone makes QEMU refuse the migration in <paramref name="Direction"/>.</param>
public sealed record CompatFact(string Code, string Direction, string Message, string? Remedy = null, bool Breaks = false);
