namespace Tern.Fleet;

/// <summary>
/// What <see cref="BaselineFinder"/> found: the newest configuration every host starts whose migrations the engine
/// verified among all of them — both ways (<see cref="RoundTrip"/>), or only from older to newer QEMU when nothing
/// round-trips — or nothing at all (<see cref="Options"/> null).
/// </summary>
/// <param name="Options">Ready to paste: <c>-machine TYPE[,max-cpu-compat=MODE][,cap-…] -cpu MODEL</c>, or null when no configuration migrates even one way.</param>
/// <param name="RoundTrip">True when every ordered pair is compatible.</param>
/// <param name="Direction"><c>both</c>, <c>older-to-newer</c> (one way only) or <c>none</c>.</param>
/// <param name="Machine">The machine type, or null.</param>
/// <param name="Cpu">The CPU model, or null.</param>
/// <param name="Compat">The POWER compat mode (<c>max-cpu-compat</c>), or null.</param>
/// <param name="Caps">spapr cap settings the baseline needs (property → value).</param>
/// <param name="Hosts">Per host: defaults and what it gives up.</param>
/// <param name="Pairs">The verdict of every ordered pair for <see cref="Options"/>.</param>
/// <param name="Tried">How many configurations were checked.</param>
public sealed record BaselineResult(
    string? Options, bool RoundTrip, string Direction, string? Machine, string? Cpu, string? Compat,
    IReadOnlyDictionary<string, string> Caps, IReadOnlyList<BaselineHostReport> Hosts, IReadOnlyList<BaselinePair> Pairs, int Tried);
