namespace Tern.Schema.Diff;

/// <summary>Options of <see cref="SchemaDiff.Compare"/>.</summary>
public sealed class SchemaDiffOptions
{
    /// <summary>Which directions to check (default both).</summary>
    public DiffDirections Directions { get; init; } = DiffDirections.Both;

    /// <summary>The rename and move rules (default: the embedded data/rename-rules.json).</summary>
    public RenameRuleSet Rules { get; init; } = RenameRuleSet.Default;
}
