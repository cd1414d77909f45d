using System.Diagnostics;

namespace Tern.Lab.Processes;

/// <summary>
/// Makes a QEMU die with the program that started it, even when that program is killed with SIGKILL (which no
/// handler sees). QEMU is started as <c>setsid /bin/sh -c SCRIPT</c>: a new session and process group whose id is the
/// shell's pid; the shell forks a watcher that blocks reading its standard input (a pipe whose only write end this
/// program holds), then execs QEMU in place (same pid, stdin <c>/dev/null</c>, stdout/stderr untouched). When this
/// program dies the kernel closes the write end, the watcher reads EOF and kills the process group: QEMU, what it
/// spawned (e.g. the <c>exec:cat</c> of a migration) and itself. When QEMU ends normally this program writes one line
/// to the pipe and the watcher exits without killing anything.
/// </summary>
/// <remarks>
/// <c>prctl(PR_SET_PDEATHSIG)</c> is not used: it fires when the <em>thread</em> that forked the child ends, and .NET
/// starts processes from whichever thread-pool thread asked. The watcher lives in QEMU's session, not the runner's, so
/// killing the runner's process group (a CI job's timeout) leaves it to do its job, and while it lives QEMU's pid
/// cannot be reused (it is still a process group id): its kill never hits a stranger. It ignores SIGHUP and SIGINT, its
/// output goes to <c>/dev/null</c> so QEMU's stderr reaches EOF when QEMU exits, and it needs only a POSIX shell;
/// without <c>setsid(1)</c> it shares the runner's group and kills QEMU's pid alone.
/// </remarks>
internal static class ParentDeathGuard
{
    /// <summary>The shell that runs the guard.</summary>
    public const string Shell = "/bin/sh";

    /// <summary><c>$0</c> of the guard shell and of its watcher (visible in <c>ps</c>).</summary>
    public const string Name = "tern-qemu-guard";

    // fd 3 keeps the pipe for the watcher (an asynchronous list's stdin is /dev/null unless redirected). The watcher
    // exits quietly on a line (QEMU ended, the owner says so); on EOF (the owner died) it kills the process group $$
    // (QEMU's pid: exec keeps it), or QEMU's pid alone when there is no such group (no setsid).
    private const string Script =
        "exec 3<&0; " +
        "(trap '' HUP INT; if read -r _; then exit 0; fi; kill -KILL -- -$$ 2>/dev/null || kill -KILL $$) <&3 >/dev/null 2>&1 & " +
        "exec 3<&- \"$@\" </dev/null";

    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    /// <summary>True when QEMU gets its own process group (setsid(1) is installed).</summary>
    public static bool OwnProcessGroup => Setsid is not null;

    /// <summary>
    /// A start info that runs <paramref name="executable"/> with the arguments the caller adds afterwards, under the
    /// guard. Standard input is redirected (it is the guard's pipe; QEMU itself reads <c>/dev/null</c>); standard output
    /// and error are redirected as before.
    /// </summary>
    public static ProcessStartInfo StartInfo(string executable)
    {
        var psi = new ProcessStartInfo(Setsid ?? Shell)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        if (Setsid is not null) psi.ArgumentList.Add(Shell);
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(Name);
        psi.ArgumentList.Add(executable);
        return psi;
    }

    /// <summary>Tells the watcher of <paramref name="process"/> (which has ended) to exit without killing, and closes the pipe.</summary>
    public static void Release(Process process)
    {
        try
        {
            process.StandardInput.Write('\n');
            process.StandardInput.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The watcher is gone already (e.g. swept): nothing to tell.
        }
        try { process.StandardInput.Close(); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
    }
}
