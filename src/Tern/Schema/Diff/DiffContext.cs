namespace Tern.Schema.Diff;

/// <summary>One direction of a diff: who sends, who loads, the rules and where results go.</summary>
internal sealed class DiffContext(VmstateSchema source, VmstateSchema destination, MigrationDirection direction, RenameRuleSet rules, DiffSink sink)
{
    public VmstateSchema Source { get; } = source;
    public VmstateSchema Destination { get; } = destination;
    public MigrationDirection Direction { get; } = direction;
    public RenameRuleSet Rules { get; } = rules;
    public DiffSink Sink { get; } = sink;

    /// <summary>True when the sender's schema is a stream's vmdesc: everything in it was actually sent.</summary>
    public bool SourceWasSent => Source.Source == SchemaSource.StreamDescription;

    /// <summary>True when both sides are vmdescs (wire sizes and types on both sides).</summary>
    public bool BothStreams => SourceWasSent && Destination.Source == SchemaSource.StreamDescription;

    public string SourceName => Direction == MigrationDirection.Forward ? "OLD" : "NEW";
    public string DestinationName => Direction == MigrationDirection.Forward ? "NEW" : "OLD";

    public void Finding(string code, FindingSeverity severity, BodyScope scope, string path, string message, string rule,
        string? qemuError = null, string? renameRule = null) =>
        Sink.Add(new SchemaFinding(code, Direction, severity, scope.Section.Label, scope.Section.InstanceId, path, message, rule, qemuError, renameRule));

    public void Undecided(string code, BodyScope scope, string path, string message, string why) =>
        Sink.Add(new UndecidedDifference(code, Direction, scope.Section.Label, scope.Section.InstanceId, path, message, why));
}
