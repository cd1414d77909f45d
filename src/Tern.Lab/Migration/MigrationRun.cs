using System.Diagnostics;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Qmp;

namespace Tern.Lab.Migration;

/// <summary>
/// Runs a real migration between two lab QEMUs exactly as tests/fixtures/README.md describes: both sides
/// paused (<c>-S</c>), the destination started with <c>-incoming defer</c> and fed with <c>migrate-incoming</c>;
/// the source's <c>migrate</c> polled with <c>query-migrate</c> until <c>completed</c>. The destination either completes
/// or exits 1 with the reason on stderr (or dies by a signal). Optionally the loaded destination migrates back
/// into a fresh process of the source's version (the <c>back</c> hop).
/// </summary>
public static class MigrationRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);
    private const int KillSignal = 9;

    /// <summary>Runs the forward hop and, when <see cref="MigrationRunOptions.BackHop"/> is set and the forward hop succeeded, the back hop.</summary>
    public static async Task<MigrationRunResult> RunAsync(MigrationSide source, MigrationSide destination, MigrationRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(options);
        QemuInstallation srcInst, dstInst;
        try
        {
            srcInst = options.Installations?.GetValueOrDefault(source.Qemu) ?? QemuInstallation.Find(options.LabDir, source.Qemu);
            dstInst = options.Installations?.GetValueOrDefault(destination.Qemu) ?? QemuInstallation.Find(options.LabDir, destination.Qemu);
            srcInst.BinaryFor(options.Arch);
            dstInst.BinaryFor(options.Arch);
        }
        catch (LabException e)
        {
            return new MigrationRunResult(ErrorHop("forward", source, destination, options, e.Message), null);
        }
        var ownWork = options.WorkDirectory is null;
        var work = options.WorkDirectory ?? LabProcessRegistry.CreateOwnedTempDirectory("mig").FullName;
        Directory.CreateDirectory(work);
        QemuProcess? liveDestination = null;
        try
        {
            var (forward, live) = await HopAsync("forward", null, srcInst, dstInst, source, destination, options, work, keepDestination: options.BackHop, options.DuringLoad, cancellationToken).ConfigureAwait(false);
            liveDestination = live;
            if (live is null) return new MigrationRunResult(forward, null);
            var (back, _) = await HopAsync("back", live, dstInst, srcInst, destination, source, options, work, keepDestination: false, null, cancellationToken).ConfigureAwait(false);
            var fwdExit = await live.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            forward = forward with { Exit = fwdExit.Recorded, DestinationExit = fwdExit.Recorded };
            back = back with { SourceExit = fwdExit.Recorded };
            return new MigrationRunResult(forward, back);
        }
        finally
        {
            if (liveDestination is not null) await liveDestination.DisposeAsync().ConfigureAwait(false);
            if (ownWork)
            {
                try { Directory.Delete(work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    private static MigrationHopResult ErrorHop(string hop, MigrationSide source, MigrationSide destination, MigrationRunOptions options, string error) => new()
    {
        Hop = hop,
        Source = source,
        Destination = destination,
        Transport = options.Transport,
        Outcome = MigrationOutcome.Error,
        LabError = error,
        Timings = new MigrationTimings(0, 0, 0, 0, 0, 0),
    };

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<(MigrationHopResult Result, QemuProcess? LiveDestination)> HopAsync(
        string hop, QemuProcess? existingSource, QemuInstallation srcInst, QemuInstallation dstInst,
        MigrationSide srcSide, MigrationSide dstSide, MigrationRunOptions options, string work, bool keepDestination,
        Func<QemuProcess, Task>? duringLoad, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        double srcStartMs = 0, saveMs = 0, dstStartMs = 0, loadMs = 0;
        var started = new List<QemuProcess>();
        QemuProcess? src = existingSource;
        QemuProcess? dst = null;
        var keepDst = false;
        var streamFile = Path.Combine(work, hop == "back" ? "back.stream" : "forward.stream");
        string? keptPath = null;
        if (options.KeepStreamDirectory is not null)
        {
            Directory.CreateDirectory(options.KeepStreamDirectory);
            keptPath = Path.Combine(options.KeepStreamDirectory, options.StreamName + (hop == "back" ? ".back.stream" : ".stream"));
        }

        MigrationHopResult Result(MigrationOutcome outcome, QemuExitStatus? failing, IReadOnlyList<string> stderr, long? bytes = null,
            string? errorDesc = null, string? runState = null, QemuExitStatus? srcExit = null, QemuExitStatus? dstExit = null, string? labError = null,
            string? during = null)
        {
            if (failing?.Signal == KillSignal && outcome is MigrationOutcome.SourceFailed or MigrationOutcome.SourceStartFailed
                    or MigrationOutcome.DestinationCrashed or MigrationOutcome.DestinationStartFailed)
            {
                // SIGKILL is never QEMU's own failure (it is the OOM killer, a person, or the runner being torn down): no verdict.
                var side = outcome is MigrationOutcome.SourceFailed or MigrationOutcome.SourceStartFailed
                    ? $"the source QEMU {srcSide.Qemu}" : $"the destination QEMU {dstSide.Qemu}";
                during ??= outcome switch
                {
                    MigrationOutcome.SourceFailed => "the save",
                    MigrationOutcome.DestinationCrashed => "the load",
                    _ => "start-up",
                };
                labError ??= $"{side} was killed by signal 9 (SIGKILL) during {during}";
                outcome = MigrationOutcome.Error;
            }
            var now = DateTimeOffset.UtcNow;
            var qemuMs = started.Sum(p => ((p.ExitedAt ?? now) - p.StartedAt).TotalMilliseconds);
            var spanMs = started.Count == 0 ? 0 : (started.Max(p => p.ExitedAt ?? now) - started.Min(p => p.StartedAt)).TotalMilliseconds;
            return new MigrationHopResult
            {
                Hop = hop,
                Source = srcSide,
                Destination = dstSide,
                Transport = options.Transport,
                Outcome = outcome,
                Exit = failing?.Recorded,
                Signal = failing?.Signal,
                SourceExit = srcExit?.Recorded,
                DestinationExit = dstExit?.Recorded,
                Stderr = stderr,
                SourceStderr = src?.Stderr ?? [],
                DestinationStderr = dst?.Stderr ?? [],
                ErrorDescription = errorDesc,
                DestinationRunState = runState,
                StreamBytes = bytes,
                StreamPath = bytes is not null && keptPath is not null && File.Exists(keptPath) ? keptPath : null,
                Timings = new MigrationTimings(srcStartMs, saveMs, dstStartMs, loadMs, total.Elapsed.TotalMilliseconds, qemuMs, spanMs),
                LabError = labError,
            };
        }

        try
        {
            using var hopCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            hopCts.CancelAfter(options.HopTimeout);
            var token = hopCts.Token;

            // Start the destination right away (it waits at -incoming defer) so its start-up overlaps the source's.
            var dstArgs = dstSide.Args.Concat(["-incoming", "defer"]);
            var dstWatch = Stopwatch.StartNew();
            dst = QemuProcess.Start(dstInst, options.Arch, dstArgs);
            started.Add(dst);
            var dstConnect = dst.ConnectQmpAsync(StartTimeout, token);

            if (src is null)
            {
                var srcWatch = Stopwatch.StartNew();
                src = QemuProcess.Start(srcInst, options.Arch, srcSide.Args);
                started.Add(src);
                try
                {
                    await src.ConnectQmpAsync(StartTimeout, token).ConfigureAwait(false);
                    srcStartMs = srcWatch.Elapsed.TotalMilliseconds;
                }
                catch (QemuStartException e)
                {
                    srcStartMs = srcWatch.Elapsed.TotalMilliseconds;
                    await ObserveAsync(dstConnect).ConfigureAwait(false);
                    return (Result(MigrationOutcome.SourceStartFailed, e.Exit, e.Stderr, srcExit: e.Exit), null);
                }
            }
            var srcQmp = src.Qmp!;
            if (options.Capabilities.Count > 0) await srcQmp.MigrateSetCapabilitiesAsync(options.Capabilities, token).ConfigureAwait(false);

            QmpClient dstQmp;
            async Task<QmpClient?> ConnectDestinationAsync()
            {
                try
                {
                    var c = await dstConnect.ConfigureAwait(false);
                    dstStartMs = dstWatch.Elapsed.TotalMilliseconds;
                    if (options.Capabilities.Count > 0) await c.MigrateSetCapabilitiesAsync(options.Capabilities, token).ConfigureAwait(false);
                    return c;
                }
                catch (QemuStartException)
                {
                    dstStartMs = dstWatch.Elapsed.TotalMilliseconds;
                    return null;
                }
            }

            long? bytes;
            if (options.Transport == MigrationTransport.File)
            {
                var save = Stopwatch.StartNew();
                await srcQmp.MigrateAsync($"exec:cat > {Quote(streamFile)}", token).ConfigureAwait(false);
                var info = await PollSourceAsync(srcQmp, token).ConfigureAwait(false);
                saveMs = save.Elapsed.TotalMilliseconds;
                bytes = File.Exists(streamFile) ? new FileInfo(streamFile).Length : null;
                if (info.Status != "completed")
                {
                    var srcDied = src.HasExited ? await src.Exited.ConfigureAwait(false) : null;
                    return (Result(MigrationOutcome.SourceFailed, srcDied, src.Stderr, bytes, info.ErrorDescription, srcExit: srcDied), null);
                }
                // Keep the stream (moved, not copied) before the destination reads it, so it is kept whatever the destination does.
                var loadFrom = streamFile;
                if (keptPath is not null && File.Exists(streamFile))
                {
                    File.Move(streamFile, keptPath, overwrite: true);
                    loadFrom = keptPath;
                }
                var srcQuit = existingSource is null ? src.QuitAsync(TimeSpan.FromSeconds(10)) : null;
                var connected = await ConnectDestinationAsync().ConfigureAwait(false);
                var srcExitStatus = srcQuit is null ? null : await srcQuit.ConfigureAwait(false);
                if (connected is null)
                {
                    var e = await dst.Exited.ConfigureAwait(false);
                    return (Result(MigrationOutcome.DestinationStartFailed, e, dst.Stderr, bytes, srcExit: srcExitStatus, dstExit: e), null);
                }
                dstQmp = connected;
                var load = Stopwatch.StartNew();
                var (outcome, status, errorDesc, runState) = await LoadAsync(dst, dstQmp, $"exec:cat {Quote(loadFrom)}", options.ExitOnError, duringLoad, token).ConfigureAwait(false);
                loadMs = load.Elapsed.TotalMilliseconds;
                if (loadFrom == streamFile) TryDelete(streamFile);
                return await FinishAsync(outcome, status, errorDesc, runState, bytes, srcExitStatus).ConfigureAwait(false);
            }
            else
            {
                var connected = await ConnectDestinationAsync().ConfigureAwait(false);
                if (connected is null)
                {
                    var e = await dst.Exited.ConfigureAwait(false);
                    var sq = existingSource is null ? await src.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false) : null;
                    return (Result(MigrationOutcome.DestinationStartFailed, e, dst.Stderr, srcExit: sq, dstExit: e), null);
                }
                dstQmp = connected;
                var dstSocket = Path.Combine(work, hop + "-dst.sock");
                var relaySocket = Path.Combine(work, hop + "-relay.sock");
                TryDelete(dstSocket);
                TryDelete(relaySocket);
                var load = Stopwatch.StartNew();
                await dstQmp.MigrateIncomingAsync($"unix:{dstSocket}", options.ExitOnError, token).ConfigureAwait(false);
                while (!File.Exists(dstSocket) && !dst.HasExited) await Task.Delay(10, token).ConfigureAwait(false);
                var d = dst;
                await using var relay = new StreamRelay(relaySocket, dstSocket, keptPath,
                    duringLoad is null ? null : () => duringLoad(d));
                var save = Stopwatch.StartNew();
                var loading = LoadAsync(dst, dstQmp, null, options.ExitOnError, null, token);
                await srcQmp.MigrateAsync($"unix:{relaySocket}", token).ConfigureAwait(false);
                var info = await PollSourceAsync(srcQmp, token).ConfigureAwait(false);
                saveMs = save.Elapsed.TotalMilliseconds;
                var (outcome, status, errorDesc, runState) = await loading.ConfigureAwait(false);
                loadMs = load.Elapsed.TotalMilliseconds;
                try { await relay.Completion.WaitAsync(TimeSpan.FromSeconds(5), token).ConfigureAwait(false); } catch (Exception e) when (e is TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException) { }
                bytes = relay.Bytes;
                var srcExitStatus = existingSource is null ? await src.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false) : null;
                if (outcome == MigrationOutcome.Success && info.Status != "completed")
                    return (Result(MigrationOutcome.SourceFailed, null, src.Stderr, bytes, info.ErrorDescription, srcExit: srcExitStatus), null);
                return await FinishAsync(outcome, status, errorDesc, runState, bytes, srcExitStatus).ConfigureAwait(false);
            }

            async Task<(MigrationHopResult, QemuProcess?)> FinishAsync(MigrationOutcome outcome, QemuExitStatus? status, string? errorDesc, string? runState, long? bytes, QemuExitStatus? srcExitStatus)
            {
                if (outcome == MigrationOutcome.Success)
                {
                    if (keepDestination)
                    {
                        keepDst = true;
                        return (Result(outcome, null, dst.Stderr, bytes, null, runState, srcExit: srcExitStatus), dst);
                    }
                    var exit = await dst.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                    return (Result(outcome, exit, dst.Stderr, bytes, null, runState, srcExitStatus, exit), null);
                }
                if (status is null && !dst.HasExited)
                {
                    // exit-on-error=false: the destination reports "failed" and stays; end it.
                    status = await dst.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                }
                status ??= await dst.Exited.ConfigureAwait(false);
                return (Result(outcome, status, dst.Stderr, bytes, errorDesc, null, srcExitStatus, status), null);
            }
        }
        catch (QmpConnectionClosedException e) when (!ct.IsCancellationRequested && src is not null && existingSource is null
            && src.Exited.Wait(TimeSpan.FromSeconds(2), CancellationToken.None))
        {
            // The source died while saving (its QMP connection closed under a command).
            var died = await src.Exited.ConfigureAwait(false);
            return (Result(MigrationOutcome.SourceFailed, died, src.Stderr, srcExit: died, during: e.Command is null ? null : $"'{e.Command}'"), null);
        }
        catch (Exception e) when (e is QmpException or OperationCanceledException or LabException or IOException)
        {
            if (ct.IsCancellationRequested) throw;
            return (Result(MigrationOutcome.Error, null, dst?.Stderr ?? [], labError: e.Message), null);
        }
        finally
        {
            foreach (var p in started)
            {
                if (keepDst && p == dst) continue;
                await p.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task ObserveAsync(Task t)
    {
        try { await t.ConfigureAwait(false); } catch (Exception e) when (e is QmpException or LabException or OperationCanceledException) { }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static async Task<QmpMigrationInfo> PollSourceAsync(QmpClient qmp, CancellationToken ct)
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
    private static async Task<(MigrationOutcome, QemuExitStatus?, string?, string?)> LoadAsync(
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
