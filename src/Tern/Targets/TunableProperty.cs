namespace Tern.Targets;

/// <summary>
/// A machine property whose other values a baseline or a suggestion may try when a finding names it (by the
/// property, as <see cref="Predict.Evidence.Field"/>, or by the subsection that carries it).
/// </summary>
/// <param name="Property">The <c>-machine</c> property, e.g. <c>cap-htm</c>.</param>
/// <param name="Subsection">The subsection that carries it in the stream (<c>spapr/cap/htm</c>), or null.</param>
/// <param name="Values">Every value QEMU accepts for it that is worth trying, least capability first (<c>off</c>, <c>on</c>).</param>
public sealed record TunableProperty(string Property, string? Subsection, IReadOnlyList<string> Values);
