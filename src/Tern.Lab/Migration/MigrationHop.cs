using System.Diagnostics;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Qmp;

namespace Tern.Lab.Migration;

/// <summary>
/// One hop of a <see cref="MigrationRun"/>, step by step: start the destination (waiting at <c>-incoming defer</c>),
/// start the source (unless it is the live destination of the hop before), migrate through a file or a socket relay,
/// poll both ends, and collect the outcome with both processes' exits, stderr and timings.
/// </summary>
internal sealed class MigrationHop
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(10);
    private const int KillSignal = 9;

    private readonly string _hop;
    private readonly QemuProcess? _existingSource;
    private readonly QemuInstallation _srcInst;
    private readonly QemuInstallation _dstInst;
    private readonly MigrationSide _srcSide;
    private readonly MigrationSide _dstSide;
    private readonly MigrationRunOptions _options;
    private readonly bool _keepDestination;
    private readonly Func<QemuProcess, Task>? _duringLoad;
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly List<QemuProcess> _started = [];
    private readonly string _work;
    private readonly string _streamFile;
    private readonly string? _keptPath;
    private double _srcStartMs, _saveMs, _dstStartMs, _loadMs;
    private QemuProcess? _src;
    private QemuProcess? _dst;
    private bool _keepDst;
    private Task<QmpClient>? _dstConnect;
    private Stopwatch? _dstWatch;

    public MigrationHop(string hop, QemuProcess? existingSource, QemuInstallation srcInst, QemuInstallation dstInst,
        MigrationSide srcSide, MigrationSide dstSide, MigrationRunOptions options, string work, bool keepDestination,
        Func<QemuProcess, Task>? duringLoad)
    {
        _hop = hop;
        _existingSource = existingSource;
        _src = existingSource;
        _srcInst = srcInst;
        _dstInst = dstInst;
        _srcSide = srcSide;
        _dstSide = dstSide;
        _options = options;
        _work = work;
        _keepDestination = keepDestination;
        _duringLoad = duringLoad;
        _streamFile = Path.Combine(work, hop == "back" ? "back.stream" : "forward.stream");
        if (options.KeepStreamDirectory is not null)
        {
            Directory.CreateDirectory(options.KeepStreamDirectory);
            _keptPath = Path.Combine(options.KeepStreamDirectory, options.StreamName + (hop == "back" ? ".back.stream" : ".stream"));
        }
    }

    /// <summary>Runs the hop; the live destination is returned (not ended) when the hop succeeded and it is to be kept.</summary>
    public async Task<(MigrationHopResult Result, QemuProcess? LiveDestination)> RunAsync(CancellationToken ct)
    {
        try
        {
            using var hopCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            hopCts.CancelAfter(_options.HopTimeout);
            var token = hopCts.Token;
            StartDestination(token);
            if (_src is null && await StartSourceAsync(token).ConfigureAwait(false) is { } startFailed) return (startFailed, null);
            var srcQmp = _src!.Qmp!;
            if (_options.Capabilities.Count > 0) await srcQmp.MigrateSetCapabilitiesAsync(_options.Capabilities, token).ConfigureAwait(false);
            return _options.Transport == MigrationTransport.File
                ? await MigrateThroughFileAsync(srcQmp, token).ConfigureAwait(false)
                : await MigrateThroughSocketAsync(srcQmp, token).ConfigureAwait(false);
        }
        catch (QmpConnectionClosedException e) when (!ct.IsCancellationRequested && _src is not null && _existingSource is null
            && _src.Exited.Wait(TimeSpan.FromSeconds(2), CancellationToken.None))
        {
            // The source died while saving (its QMP connection closed under a command).
            var died = await _src.Exited.ConfigureAwait(false);
            return (Collect(MigrationOutcome.SourceFailed, died, _src.Stderr, srcExit: died, during: e.Command is null ? null : $"'{e.Command}'"), null);
        }
        catch (Exception e) when (e is QmpException or OperationCanceledException or LabException or IOException)
        {
            if (ct.IsCancellationRequested) throw;
            return (Collect(MigrationOutcome.Error, null, _dst?.Stderr ?? [], labError: e.Message), null);
        }
        finally
        {
            foreach (var p in _started)
            {
                if (_keepDst && p == _dst) continue;
                await p.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // Right away, so that the destination's start-up (it waits at -incoming defer) overlaps the source's.
    private void StartDestination(CancellationToken token)
    {
        var dstArgs = _dstSide.Args.Concat(["-incoming", "defer"]);
        _dstWatch = Stopwatch.StartNew();
        _dst = QemuProcess.Start(_dstInst, _options.Arch, dstArgs);
        _started.Add(_dst);
        _dstConnect = _dst.ConnectQmpAsync(StartTimeout, token);
    }

    // The forward hop's source; null once it is up, else the hop's result.
    private async Task<MigrationHopResult?> StartSourceAsync(CancellationToken token)
    {
        var srcWatch = Stopwatch.StartNew();
        _src = QemuProcess.Start(_srcInst, _options.Arch, _srcSide.Args);
        _started.Add(_src);
        try
        {
            await _src.ConnectQmpAsync(StartTimeout, token).ConfigureAwait(false);
            _srcStartMs = srcWatch.Elapsed.TotalMilliseconds;
            return null;
        }
        catch (QemuStartException e)
        {
            _srcStartMs = srcWatch.Elapsed.TotalMilliseconds;
            await MigrationPolling.ObserveAsync(_dstConnect!).ConfigureAwait(false);
            return Collect(MigrationOutcome.SourceStartFailed, e.Exit, e.Stderr, srcExit: e.Exit);
        }
    }

    // Waits for the destination's QMP; null when it failed to start.
    private async Task<QmpClient?> WaitForDestinationAsync(CancellationToken token)
    {
        try
        {
            var c = await _dstConnect!.ConfigureAwait(false);
            _dstStartMs = _dstWatch!.Elapsed.TotalMilliseconds;
            if (_options.Capabilities.Count > 0) await c.MigrateSetCapabilitiesAsync(_options.Capabilities, token).ConfigureAwait(false);
            return c;
        }
        catch (QemuStartException)
        {
            _dstStartMs = _dstWatch!.Elapsed.TotalMilliseconds;
            return null;
        }
    }

    // Save to a file, then load it: the source has finished (and is kept or quit) before the destination reads a byte.
    private async Task<(MigrationHopResult, QemuProcess?)> MigrateThroughFileAsync(QmpClient srcQmp, CancellationToken token)
    {
        var src = _src!;
        var dst = _dst!;
        var save = Stopwatch.StartNew();
        await srcQmp.MigrateAsync($"exec:cat > {Quote(_streamFile)}", token).ConfigureAwait(false);
        var info = await MigrationPolling.PollSourceAsync(srcQmp, token).ConfigureAwait(false);
        _saveMs = save.Elapsed.TotalMilliseconds;
        long? bytes = File.Exists(_streamFile) ? new FileInfo(_streamFile).Length : null;
        if (info.Status != "completed")
        {
            var srcDied = src.HasExited ? await src.Exited.ConfigureAwait(false) : null;
            return (Collect(MigrationOutcome.SourceFailed, srcDied, src.Stderr, bytes, info.ErrorDescription, srcExit: srcDied), null);
        }
        // Keep the stream (moved, not copied) before the destination reads it, so it is kept whatever the destination does.
        var loadFrom = _streamFile;
        if (_keptPath is not null && File.Exists(_streamFile))
        {
            File.Move(_streamFile, _keptPath, overwrite: true);
            loadFrom = _keptPath;
        }
        var srcQuit = _existingSource is null ? src.QuitAsync(QuitTimeout) : null;
        var connected = await WaitForDestinationAsync(token).ConfigureAwait(false);
        var srcExitStatus = srcQuit is null ? null : await srcQuit.ConfigureAwait(false);
        if (connected is null)
        {
            var e = await dst.Exited.ConfigureAwait(false);
            return (Collect(MigrationOutcome.DestinationStartFailed, e, dst.Stderr, bytes, srcExit: srcExitStatus, dstExit: e), null);
        }
        var load = Stopwatch.StartNew();
        var (outcome, status, errorDesc, runState) = await MigrationPolling.LoadAsync(dst, connected, $"exec:cat {Quote(loadFrom)}", _options.ExitOnError, _duringLoad, token).ConfigureAwait(false);
        _loadMs = load.Elapsed.TotalMilliseconds;
        if (loadFrom == _streamFile) TryDelete(_streamFile);
        return await FinishAsync(outcome, status, errorDesc, runState, bytes, srcExitStatus).ConfigureAwait(false);
    }

    // Live: the source sends into a relay socket that counts (and optionally keeps) the bytes on their way to the destination.
    private async Task<(MigrationHopResult, QemuProcess?)> MigrateThroughSocketAsync(QmpClient srcQmp, CancellationToken token)
    {
        var src = _src!;
        var dst = _dst!;
        var dstQmp = await WaitForDestinationAsync(token).ConfigureAwait(false);
        if (dstQmp is null)
        {
            var e = await dst.Exited.ConfigureAwait(false);
            var sq = _existingSource is null ? await src.QuitAsync(QuitTimeout).ConfigureAwait(false) : null;
            return (Collect(MigrationOutcome.DestinationStartFailed, e, dst.Stderr, srcExit: sq, dstExit: e), null);
        }
        var dstSocket = Path.Combine(_work, _hop + "-dst.sock");
        var relaySocket = Path.Combine(_work, _hop + "-relay.sock");
        TryDelete(dstSocket);
        TryDelete(relaySocket);
        var load = Stopwatch.StartNew();
        await dstQmp.MigrateIncomingAsync($"unix:{dstSocket}", _options.ExitOnError, token).ConfigureAwait(false);
        while (!File.Exists(dstSocket) && !dst.HasExited) await Task.Delay(10, token).ConfigureAwait(false);
        var duringLoad = _duringLoad;
        await using var relay = new StreamRelay(relaySocket, dstSocket, _keptPath,
            duringLoad is null ? null : () => duringLoad(dst));
        var save = Stopwatch.StartNew();
        var loading = MigrationPolling.LoadAsync(dst, dstQmp, null, _options.ExitOnError, null, token);
        await srcQmp.MigrateAsync($"unix:{relaySocket}", token).ConfigureAwait(false);
        var info = await MigrationPolling.PollSourceAsync(srcQmp, token).ConfigureAwait(false);
        _saveMs = save.Elapsed.TotalMilliseconds;
        var (outcome, status, errorDesc, runState) = await loading.ConfigureAwait(false);
        _loadMs = load.Elapsed.TotalMilliseconds;
        try { await relay.Completion.WaitAsync(TimeSpan.FromSeconds(5), token).ConfigureAwait(false); } catch (Exception e) when (e is TimeoutException or System.Net.Sockets.SocketException or OperationCanceledException) { }
        long? bytes = relay.Bytes;
        var srcExitStatus = _existingSource is null ? await src.QuitAsync(QuitTimeout).ConfigureAwait(false) : null;
        if (outcome == MigrationOutcome.Success && info.Status != "completed")
            return (Collect(MigrationOutcome.SourceFailed, null, src.Stderr, bytes, info.ErrorDescription, srcExit: srcExitStatus), null);
        return await FinishAsync(outcome, status, errorDesc, runState, bytes, srcExitStatus).ConfigureAwait(false);
    }

    // After the load: keep or quit a loaded destination; end one that failed but stays (exit-on-error=false).
    private async Task<(MigrationHopResult, QemuProcess?)> FinishAsync(MigrationOutcome outcome, QemuExitStatus? status, string? errorDesc, string? runState, long? bytes, QemuExitStatus? srcExitStatus)
    {
        var dst = _dst!;
        if (outcome == MigrationOutcome.Success)
        {
            if (_keepDestination)
            {
                _keepDst = true;
                return (Collect(outcome, null, dst.Stderr, bytes, null, runState, srcExit: srcExitStatus), dst);
            }
            var exit = await dst.QuitAsync(QuitTimeout).ConfigureAwait(false);
            return (Collect(outcome, exit, dst.Stderr, bytes, null, runState, srcExitStatus, exit), null);
        }
        if (status is null && !dst.HasExited)
        {
            // exit-on-error=false: the destination reports "failed" and stays; end it.
            status = await dst.QuitAsync(QuitTimeout).ConfigureAwait(false);
        }
        status ??= await dst.Exited.ConfigureAwait(false);
        return (Collect(outcome, status, dst.Stderr, bytes, errorDesc, null, srcExitStatus, status), null);
    }

    // The hop's result as it stands now: timings so far, both processes' stderr, and a SIGKILL turned into a lab error.
    private MigrationHopResult Collect(MigrationOutcome outcome, QemuExitStatus? failing, IReadOnlyList<string> stderr, long? bytes = null,
        string? errorDesc = null, string? runState = null, QemuExitStatus? srcExit = null, QemuExitStatus? dstExit = null, string? labError = null,
        string? during = null)
    {
        if (failing?.Signal == KillSignal && outcome is MigrationOutcome.SourceFailed or MigrationOutcome.SourceStartFailed
                or MigrationOutcome.DestinationCrashed or MigrationOutcome.DestinationStartFailed)
        {
            // SIGKILL is never QEMU's own failure (it is the OOM killer, a person, or the runner being torn down): no verdict.
            var side = outcome is MigrationOutcome.SourceFailed or MigrationOutcome.SourceStartFailed
                ? $"the source QEMU {_srcSide.Qemu}" : $"the destination QEMU {_dstSide.Qemu}";
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
        var qemuMs = _started.Sum(p => ((p.ExitedAt ?? now) - p.StartedAt).TotalMilliseconds);
        var spanMs = _started.Count == 0 ? 0 : (_started.Max(p => p.ExitedAt ?? now) - _started.Min(p => p.StartedAt)).TotalMilliseconds;
        return new MigrationHopResult
        {
            Hop = _hop,
            Source = _srcSide,
            Destination = _dstSide,
            Transport = _options.Transport,
            Outcome = outcome,
            Exit = failing?.Recorded,
            Signal = failing?.Signal,
            SourceExit = srcExit?.Recorded,
            DestinationExit = dstExit?.Recorded,
            Stderr = stderr,
            SourceStderr = _src?.Stderr ?? [],
            DestinationStderr = _dst?.Stderr ?? [],
            ErrorDescription = errorDesc,
            DestinationRunState = runState,
            StreamBytes = bytes,
            StreamPath = bytes is not null && _keptPath is not null && File.Exists(_keptPath) ? _keptPath : null,
            Timings = new MigrationTimings(_srcStartMs, _saveMs, _dstStartMs, _loadMs, _total.Elapsed.TotalMilliseconds, qemuMs, spanMs),
            LabError = labError,
        };
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
