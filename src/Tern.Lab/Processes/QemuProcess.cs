using System.Diagnostics;
using System.Globalization;
using Tern.Lab.Installation;
using Tern.Lab.Qmp;

namespace Tern.Lab.Processes;

/// <summary>
/// One running QEMU of a lab installation: started through the installation's own loader, libraries,
/// modules (<c>QEMU_MODULE_DIR</c>) and firmware (<c>-L</c>), with a QMP unix socket; stderr captured line by
/// line; its exit code or killing signal recorded. Never outlives its owner: killed on dispose, on
/// SIGINT/SIGTERM (<see cref="LabProcessRegistry"/>), by its guard's watcher within milliseconds when the owner is
/// killed with SIGKILL (<see cref="ParentDeathGuard"/>), and as a last resort swept by the next run.
/// </summary>
public sealed class QemuProcess : IAsyncDisposable
{
    private static int _counter;
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly List<string> _stdout = [];
    private readonly TaskCompletionSource<QemuExitStatus> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _socketDir;
    private QmpClient? _qmp;
    private bool _disposed;

    private QemuProcess(QemuInstallation installation, string arch, Process process, string socketPath, string socketDir, IReadOnlyList<string> arguments)
    {
        Installation = installation;
        Arch = arch;
        _process = process;
        QmpSocketPath = socketPath;
        _socketDir = socketDir;
        Arguments = arguments;
    }

    /// <summary>The installation it runs.</summary>
    public QemuInstallation Installation { get; }
    /// <summary>The guest architecture (<c>ppc64</c>, <c>aarch64</c>).</summary>
    public string Arch { get; }
    /// <summary>The QEMU arguments as given (without the <c>-L</c> and <c>-qmp</c> Tern adds).</summary>
    public IReadOnlyList<string> Arguments { get; }
    /// <summary>
    /// The process id of QEMU: setsid execs the guard shell, which execs the loader, which runs QEMU in place, so the
    /// pid Tern started is QEMU's (and, with setsid, its process group and session id).
    /// </summary>
    public int Pid => _process.Id;
    /// <summary>The QMP socket path.</summary>
    public string QmpSocketPath { get; }
    /// <summary>When the process was started.</summary>
    public DateTimeOffset StartedAt { get; private init; }
    /// <summary>When the process was seen to end (null while it runs).</summary>
    public DateTimeOffset? ExitedAt { get; private set; }
    /// <summary>Raised for every stderr line, on a thread-pool thread.</summary>
    public event Action<string>? StderrLine;

    /// <summary>The stderr lines printed so far.</summary>
    public IReadOnlyList<string> Stderr { get { lock (_stderr) return [.. _stderr]; } }
    /// <summary>The stdout lines printed so far.</summary>
    public IReadOnlyList<string> Stdout { get { lock (_stdout) return [.. _stdout]; } }
    /// <summary>Completes with the exit status once the process ended and its output was drained.</summary>
    public Task<QemuExitStatus> Exited => _exited.Task;
    /// <summary>True once the process ended.</summary>
    public bool HasExited => _exited.Task.IsCompleted;
    /// <summary>The QMP client once <see cref="ConnectQmpAsync"/> succeeded.</summary>
    public QmpClient? Qmp => _qmp;

    /// <summary>
    /// Starts <c>qemu-system-<paramref name="arch"/></c> of <paramref name="installation"/> with <paramref name="arguments"/>,
    /// adding <c>-L &lt;firmwareDir&gt;</c> and <c>-qmp unix:SOCK,server=on,wait=off</c>.
    /// </summary>
    public static QemuProcess Start(QemuInstallation installation, string arch, IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(arguments);
        var labDir = Path.GetDirectoryName(installation.Directory) ?? installation.Directory;
        LabProcessRegistry.EnsureSwept(labDir);
        var binary = installation.BinaryFor(arch);
        var args = arguments.ToList();
        var n = Interlocked.Increment(ref _counter);
        // The socket directory names the owner (pid and kernel start time): a QEMU whose owner died before it could be
        // recorded in the state file is still recognised as a stray by its command line (LabProcessRegistry.SweepStrays).
        var socketDir = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"{LabProcessRegistry.SocketDirectoryPrefix}{LabProcessRegistry.OwnerTag}-{n}"));
        Directory.CreateDirectory(socketDir);
        var socket = Path.Combine(socketDir, "qmp.sock");

        // A lab installation runs through its root's own loader; a system binary (no loader) runs as it is.
        var direct = installation.Loader.Length == 0;
        var program = direct ? binary : installation.Loader;
        if (!File.Exists(program))
            throw new LabException($"cannot start QEMU {installation.Label} ({program}): no such file");
        // Through the parent-death guard: QEMU dies with this program even when it is killed with SIGKILL.
        var psi = ParentDeathGuard.StartInfo(program);
        if (!direct)
        {
            psi.ArgumentList.Add("--library-path");
            psi.ArgumentList.Add(string.Join(':', installation.LibraryPath));
            psi.ArgumentList.Add(binary);
        }
        if (installation.FirmwareDir.Length > 0) { psi.ArgumentList.Add("-L"); psi.ArgumentList.Add(installation.FirmwareDir); }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add("-qmp");
        psi.ArgumentList.Add($"unix:{socket},server=on,wait=off");
        foreach (var (k, v) in installation.Environment) psi.Environment[k] = v;
        if (installation.ModuleDir.Length > 0) psi.Environment["QEMU_MODULE_DIR"] = installation.ModuleDir;

        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        var q = new QemuProcess(installation, arch, process, socket, socketDir, args) { StartedAt = DateTimeOffset.UtcNow };
        var stderrDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stdoutDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) { stderrDone.TrySetResult(); return; }
            lock (q._stderr) q._stderr.Add(e.Data);
            q.StderrLine?.Invoke(e.Data);
        };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) { stdoutDone.TrySetResult(); return; }
            lock (q._stdout) q._stdout.Add(e.Data);
        };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new LabException($"cannot start QEMU {installation.Label} ({installation.Loader}): {e.Message}", e);
        }
        LabProcessRegistry.Register(labDir, process);
        // Standard input stays open: it is the guard's pipe (QEMU itself reads /dev/null).
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _ = Task.Run(async () =>
        {
            await process.WaitForExitAsync().ConfigureAwait(false);
            ParentDeathGuard.Release(process);
            await Task.WhenAny(Task.WhenAll(stderrDone.Task, stdoutDone.Task), Task.Delay(2000)).ConfigureAwait(false);
            var status = QemuExitStatus.FromProcessExitCode(process.ExitCode);
            q.ExitedAt = DateTimeOffset.UtcNow;
            LabProcessRegistry.Unregister(process.Id);
            q._exited.TrySetResult(status);
        });
        return q;
    }

    /// <summary>
    /// Waits for the QMP socket and connects (greeting + <c>qmp_capabilities</c>). Throws
    /// <see cref="QemuStartException"/> when QEMU exits first (the usual way a bad command line shows).
    /// </summary>
    public async Task<QmpClient> ConnectQmpAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (_qmp is not null) return _qmp;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (HasExited) throw new QemuStartException(Installation.Label, await Exited.ConfigureAwait(false), Stderr);
            if (File.Exists(QmpSocketPath))
            {
                try
                {
                    _qmp = await QmpClient.ConnectAsync(QmpSocketPath, TimeSpan.FromSeconds(10), DescribeExit, cancellationToken).ConfigureAwait(false);
                    return _qmp;
                }
                catch (Exception e) when (e is System.Net.Sockets.SocketException or QmpConnectionClosedException)
                {
                    if (HasExited || await Task.WhenAny(Exited, Task.Delay(200, cancellationToken)).ConfigureAwait(false) == Exited)
                        throw new QemuStartException(Installation.Label, await Exited.ConfigureAwait(false), Stderr);
                }
            }
            if (deadline.Elapsed > timeout)
                throw new QmpTimeoutException($"QEMU {Installation.Label} QMP socket {QmpSocketPath}", timeout);
            await Task.WhenAny(Exited, Task.Delay(5, cancellationToken)).ConfigureAwait(false);
        }
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. 11 for SIGSEGV, 9 for SIGKILL) to QEMU.</summary>
    public void Signal(int signal)
    {
        if (HasExited) return;
        if (NativeMethods.Kill(Pid, signal) != 0 && !HasExited)
            throw new LabException($"kill({Pid}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Waits for the process to end, up to <paramref name="timeout"/>; kills it (SIGKILL) if it does not.</summary>
    public async Task<QemuExitStatus> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await Exited.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            return await Exited.ConfigureAwait(false);
        }
    }

    /// <summary>Sends <c>quit</c> over QMP (when connected) and waits for the exit; kills after <paramref name="timeout"/>.</summary>
    public async Task<QemuExitStatus> QuitAsync(TimeSpan timeout)
    {
        if (_qmp is not null && !HasExited)
        {
            try
            {
                await _qmp.QuitAsync().ConfigureAwait(false);
            }
            catch (QmpException)
            {
            }
        }
        return await WaitForExitAsync(_qmp is null ? TimeSpan.Zero : timeout).ConfigureAwait(false);
    }

    /// <summary>Kills the process (SIGKILL) if it still runs.</summary>
    public void Kill()
    {
        if (HasExited) return;
        try { _process.Kill(); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Kill();
        try { await Exited.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); } catch (TimeoutException) { }
        if (_qmp is not null) await _qmp.DisposeAsync().ConfigureAwait(false);
        _process.Dispose();
        try { Directory.Delete(_socketDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private string? DescribeExit()
    {
        // QMP saw EOF: the process is usually just ending; give the reaper a moment to record how.
        if (!Exited.Wait(TimeSpan.FromSeconds(2))) return "QEMU is still running but closed its monitor";
        var status = Exited.Result;
        var last = Stderr.LastOrDefault();
        return last is null ? $"QEMU {Installation.Label} {status}" : $"QEMU {Installation.Label} {status}; last stderr line: {last}";
    }
}
