namespace Tern.Schema.Diff;

/// <summary>Collects a diff's results in order, dropping exact duplicates (several dump classes or instances share one VMSD).</summary>
internal sealed class DiffSink
{
    private readonly HashSet<(string, MigrationDirection, string, string, string)> _seen = [];

    public List<SchemaFinding> Findings { get; } = [];
    public List<UndecidedDifference> Undecided { get; } = [];
    public List<UncomparedSection> Uncompared { get; } = [];

    public void Add(SchemaFinding f)
    {
        if (_seen.Add((f.Code, f.Direction, f.Section, f.Path, f.Message))) Findings.Add(f);
    }

    public void Add(UndecidedDifference u)
    {
        if (_seen.Add(("?" + u.Code, u.Direction, u.Section, u.Path, u.Message))) Undecided.Add(u);
    }

    public void Add(UncomparedSection u) => Uncompared.Add(u);
}
