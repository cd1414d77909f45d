using Tern.Predict;

namespace Tern.Fleet;

/// <summary>One ordered pair of a baseline's check: the engine's verdict for the baseline from one host to another.</summary>
/// <param name="From">The source host.</param>
/// <param name="To">The destination host.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record BaselinePair(string From, string To, Verdict Verdict);
