namespace Tern.Predict;

/// <summary>How messages and JSON spell a <see cref="MigrationEnd"/>.</summary>
public static class MigrationEndNames
{
    /// <summary><c>source</c> or <c>destination</c>.</summary>
    public static string Name(this MigrationEnd end) => end == MigrationEnd.Source ? "source" : "destination";
}
