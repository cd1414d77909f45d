namespace Tern.Lab.Qmp;

/// <summary>One entry of <c>query-cpu-definitions</c>.</summary>
/// <param name="Name">The model name as given to <c>-cpu</c>.</param>
/// <param name="TypeName">Its QOM type, when reported.</param>
/// <param name="AliasOf">The model it is an alias of, when reported (ppc).</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
public sealed record QmpCpuDefinition(string Name, string? TypeName, string? AliasOf, bool Deprecated);
