using System.Diagnostics;

namespace Tern.Lab.Processes;

/// <summary>
/// Makes a QEMU die with the program that started it, even when that program is killed with SIGKILL (which no
/// handler sees). QEMU is started through <c>/bin/sh -c SCRIPT</c>: the shell forks a watcher that blocks reading its
/// standard input (a pipe whose only write end this program holds), then execs QEMU under <c>setsid</c> (its own
/// session and process group, same pid, stdin <c>/dev/null</c>, stdout/stderr untouched). When this program dies the
/// kernel closes the write end, the watcher reads EOF and kills QEMU's process group (QEMU and what it spawned, e.g.
/// the <c>exec:cat</c> of a migration). When QEMU ends normally this program writes one line to the pipe and the
/// watcher exits without killing anything.
/// </summary>
/// <remarks>
/// <c>prctl(PR_SET_PDEATHSIG)</c> is not used: it fires when the <em>thread</em> that forked the child ends, and .NET
/// starts processes from whichever thread-pool thread asked. The watcher ignores SIGHUP and SIGINT (a closed terminal
/// or Ctrl-C reaches the runner, whose own handlers end QEMU), its output goes to <c>/dev/null</c> so QEMU's stderr
/// reaches EOF when QEMU exits, and it needs only a POSIX shell; without <c>setsid(1)</c> it kills QEMU's pid alone.
/// </remarks>
internal static class ParentDeathGuard
{
    /// <summary>The shell that runs the guard.</summary>
    public const string Shell = "/bin/sh";

    /// <summary><c>$0</c> of the guard shell and of its watcher (visible in <c>ps</c>).</summary>
    public const string Name = "tern-qemu-guard";

    // fd 3 keeps the pipe for the watcher (an asynchronous list's stdin is /dev/null unless redirected). The watcher
    // exits quietly on a line (QEMU ended, the owner says so); on EOF (the owner died) it kills QEMU's process group, or
    // QEMU's pid when there is no group yet (the owner died before setsid ran). $$ is the shell's pid, which exec keeps.
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
        var psi = new ProcessStartInfo(Shell)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Script);
        psi.ArgumentList.Add(Name);
        if (Setsid is not null) psi.ArgumentList.Add(Setsid);
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
