using System.Text.Json;

namespace Tern.Lab.Qmp;

/// <summary>The answer to <c>query-migrate</c>.</summary>
/// <param name="Status">The migration status (<c>setup</c>, <c>active</c>, <c>completed</c>, <c>failed</c>, ...), or null before any migration.</param>
/// <param name="ErrorDescription">The <c>error-desc</c> of a failed migration.</param>
/// <param name="TotalTimeMs">The <c>total-time</c> in milliseconds, when reported.</param>
/// <param name="RamTransferred">RAM bytes transferred, when reported.</param>
/// <param name="Raw">The whole answer.</param>
public sealed record QmpMigrationInfo(string? Status, string? ErrorDescription, long? TotalTimeMs, long? RamTransferred, JsonElement Raw)
{
    /// <summary>True when the status is final (<c>completed</c>, <c>failed</c> or <c>cancelled</c>).</summary>
    public bool IsFinished => Status is "completed" or "failed" or "cancelled";
}
