namespace Tern.Schema.Diff;

/// <summary>What <see cref="SchemaDiff.Compare"/> found.</summary>
public sealed class SchemaDiffResult
{
    /// <summary>Creates a result.</summary>
    public SchemaDiffResult(VmstateSchema old, VmstateSchema @new, DiffDirections directions, IReadOnlyList<SchemaFinding> findings,
        IReadOnlyList<UndecidedDifference> undecided, IReadOnlyList<UncomparedSection> uncompared, IReadOnlyList<string> limitations)
    {
        Old = old;
        New = @new;
        Directions = directions;
        Findings = findings;
        Undecided = undecided;
        Uncompared = uncompared;
        Limitations = limitations;
    }

    /// <summary>The OLD input.</summary>
    public VmstateSchema Old { get; }

    /// <summary>The NEW input.</summary>
    public VmstateSchema New { get; }

    /// <summary>The directions that were checked.</summary>
    public DiffDirections Directions { get; }

    /// <summary>Differences with a verdict, forward findings first, each direction in section order.</summary>
    public IReadOnlyList<SchemaFinding> Findings { get; }

    /// <summary>Differences the inputs cannot settle.</summary>
    public IReadOnlyList<UndecidedDifference> Undecided { get; }

    /// <summary>Sections of a sender that had nothing to be compared with, and why.</summary>
    public IReadOnlyList<UncomparedSection> Uncompared { get; }

    /// <summary>What the inputs could not tell, in plain words (e.g. "OLD is a stream: no minimum versions").</summary>
    public IReadOnlyList<string> Limitations { get; }

    /// <summary>True when some finding breaks migration unconditionally.</summary>
    public bool HasBreaking => Findings.Any(f => f.Severity == FindingSeverity.Breaks);

    /// <summary>The findings of one direction.</summary>
    public IEnumerable<SchemaFinding> In(MigrationDirection direction) => Findings.Where(f => f.Direction == direction);
}
