using Tern.Lab.Processes;
using Tern.Lab.Qmp;

namespace Tern.Lab.Migration;

/// <summary>The waiting steps of a <see cref="MigrationHop"/>: polling the source's save and the destination's load over QMP.</summary>
internal static class MigrationPolling
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Awaits a task whose failure no longer matters (the other side already failed).</summary>
    public static async Task ObserveAsync(Task t)
    {
        try { await t.ConfigureAwait(false); } catch (Exception e) when (e is QmpException or LabException or OperationCanceledException) { }
    }

    /// <summary>Polls the source's <c>query-migrate</c> until the migration finished (completed, failed or cancelled).</summary>
    public static async Task<QmpMigrationInfo> PollSourceAsync(QmpClient qmp, CancellationToken ct)
    {
        while (true)
        {
            var info = await qmp.QueryMigrateAsync(ct).ConfigureAwait(false);
            if (info.IsFinished) return info;
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Feeds the destination (when <paramref name="uri"/> is given) and waits until it completed, failed, or died.
    /// Returns the outcome, the exit status when it ended, the error-desc, and the run state after success.
    /// </summary>
    public static async Task<(MigrationOutcome, QemuExitStatus?, string?, string?)> LoadAsync(
        QemuProcess dst, QmpClient qmp, string? uri, bool? exitOnError, Func<QemuProcess, Task>? duringLoad, CancellationToken ct)
    {
        if (uri is not null)
        {
            try
            {
                await qmp.MigrateIncomingAsync(uri, exitOnError, ct).ConfigureAwait(false);
            }
            catch (QmpConnectionClosedException)
            {
            }
            if (duringLoad is not null) await duringLoad(dst).ConfigureAwait(false);
        }
        while (true)
        {
            if (dst.HasExited)
            {
                var status = await dst.Exited.ConfigureAwait(false);
                return (status.Signaled ? MigrationOutcome.DestinationCrashed : MigrationOutcome.LoadFailed, status, null, null);
            }
            try
            {
                var info = await qmp.QueryMigrateAsync(ct).ConfigureAwait(false);
                if (info.Status == "completed")
                {
                    var st = await qmp.QueryStatusAsync(ct).ConfigureAwait(false);
                    return (MigrationOutcome.Success, null, null, st.Status);
                }
                if (info.Status == "failed")
                {
                    // Older QEMUs exit right after reporting; give the process a moment to do so.
                    var ended = await Task.WhenAny(dst.Exited, Task.Delay(300, ct)).ConfigureAwait(false) == dst.Exited;
                    if (!ended) return (MigrationOutcome.LoadFailed, null, info.ErrorDescription, null);
                    continue;
                }
                if (info.Status is null)
                {
                    // QEMUs that report nothing about the incoming side: fall back to the run state.
                    var st = await qmp.QueryStatusAsync(ct).ConfigureAwait(false);
                    if (st.Status is not "inmigrate" and not "") return (MigrationOutcome.Success, null, null, st.Status);
                }
            }
            catch (QmpConnectionClosedException)
            {
                await Task.WhenAny(dst.Exited, Task.Delay(2000, ct)).ConfigureAwait(false);
                continue;
            }
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }
}
