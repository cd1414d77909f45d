namespace Tern.Lab.Migration;

/// <summary>The result of a <see cref="MigrationRun"/>: the forward hop and, when asked and possible, the back hop.</summary>
/// <param name="Forward">The forward hop.</param>
/// <param name="Back">The back hop (null when not asked or the forward hop failed).</param>
public sealed record MigrationRunResult(MigrationHopResult Forward, MigrationHopResult? Back)
{
    /// <summary>Every hop in order.</summary>
    public IEnumerable<MigrationHopResult> Hops => Back is null ? [Forward] : [Forward, Back];
}
