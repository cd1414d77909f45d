namespace Tern.Lab.Migration;

/// <summary>The wire names of <see cref="MigrationOutcome"/> (as in outcomes.jsonl).</summary>
public static class MigrationOutcomeNames
{
    /// <summary>The name, e.g. <c>load-failed</c>.</summary>
    public static string ToName(this MigrationOutcome outcome) => outcome switch
    {
        MigrationOutcome.Success => "success",
        MigrationOutcome.LoadFailed => "load-failed",
        MigrationOutcome.SourceStartFailed => "source-start-failed",
        MigrationOutcome.DestinationStartFailed => "destination-start-failed",
        MigrationOutcome.DestinationCrashed => "destination-crashed",
        MigrationOutcome.SourceFailed => "source-failed",
        _ => "error",
    };

    /// <summary>Parses a name; unknown names are <see cref="MigrationOutcome.Error"/>.</summary>
    public static MigrationOutcome Parse(string? name) => name switch
    {
        "success" => MigrationOutcome.Success,
        "load-failed" => MigrationOutcome.LoadFailed,
        "source-start-failed" => MigrationOutcome.SourceStartFailed,
        "destination-start-failed" => MigrationOutcome.DestinationStartFailed,
        "destination-crashed" => MigrationOutcome.DestinationCrashed,
        "source-failed" => MigrationOutcome.SourceFailed,
        _ => MigrationOutcome.Error,
    };

    /// <summary>True for outcomes where QEMU answered (everything but <see cref="MigrationOutcome.Error"/>).</summary>
    public static bool IsVerdict(this MigrationOutcome outcome) => outcome != MigrationOutcome.Error;
}
