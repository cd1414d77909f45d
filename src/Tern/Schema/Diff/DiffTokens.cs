namespace Tern.Schema.Diff;

/// <summary>The stable spellings of the diff's enums in reports and on the command line.</summary>
public static class DiffTokens
{
    /// <summary><c>breaks</c>, <c>breaks-if-sent</c> or <c>harmless</c>.</summary>
    public static string Of(FindingSeverity severity) => severity switch
    {
        FindingSeverity.Breaks => "breaks",
        FindingSeverity.BreaksIfSent => "breaks-if-sent",
        _ => "harmless",
    };

    /// <summary><c>forward</c> or <c>backward</c>.</summary>
    public static string Of(MigrationDirection direction) => direction == MigrationDirection.Forward ? "forward" : "backward";

    /// <summary><c>dump</c>, <c>stream</c> or <c>vmdesc</c>.</summary>
    public static string Of(SchemaInputKind kind) => kind switch
    {
        SchemaInputKind.VmstateDump => "dump",
        SchemaInputKind.MigrationStream => "stream",
        _ => "vmdesc",
    };

    /// <summary>Parses <c>forward</c>, <c>backward</c> or <c>both</c>; null for anything else.</summary>
    public static DiffDirections? ParseDirections(string? text) => text switch
    {
        "forward" => DiffDirections.Forward,
        "backward" => DiffDirections.Backward,
        "both" or null => DiffDirections.Both,
        _ => null,
    };
}
