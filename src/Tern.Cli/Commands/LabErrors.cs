using Microsoft.Data.Sqlite;
using Tern.Lab;
using Tern.Lab.Qmp;

namespace Tern.Cli.Commands;

/// <summary>Maps lab failures (a missing version, QEMU that would not run, QMP errors, an unusable result database) to exit code 3 with one line on stderr.</summary>
internal static class LabErrors
{
    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (Exception e) when (e is LabException or QmpException or SqliteException)
        {
            await Console.Error.WriteLineAsync($"tern: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Unreadable;
        }
    }

    public static int Guard(Func<int> action) => GuardAsync(() => Task.FromResult(action())).GetAwaiter().GetResult();
}
