namespace Tern.Lab.Processes;

/// <summary>How a QEMU process ended: an exit code or a signal.</summary>
/// <param name="ExitCode">The exit code, when it exited.</param>
/// <param name="Signal">The signal number, when a signal killed it.</param>
public sealed record QemuExitStatus(int? ExitCode, int? Signal)
{
    /// <summary>
    /// The exit as outcomes.jsonl records it: the exit code, or minus the signal number.
    /// </summary>
    public int Recorded => Signal is int s ? -s : ExitCode ?? 0;

    /// <summary>True when a signal ended the process.</summary>
    public bool Signaled => Signal is not null;

    /// <summary>
    /// Builds the status from .NET's <see cref="System.Diagnostics.Process.ExitCode"/>, which on Unix is
    /// 128 + the signal number for a process killed by a signal (QEMU itself never exits with a code above 128).
    /// </summary>
    public static QemuExitStatus FromProcessExitCode(int exitCode) =>
        exitCode is > 128 and < 128 + 65 ? new QemuExitStatus(null, exitCode - 128) : new QemuExitStatus(exitCode, null);

    /// <summary>The conventional name of a signal (SIGSEGV for 11), or <c>signal N</c>.</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP", 2 => "SIGINT", 3 => "SIGQUIT", 4 => "SIGILL", 5 => "SIGTRAP", 6 => "SIGABRT", 7 => "SIGBUS",
        8 => "SIGFPE", 9 => "SIGKILL", 11 => "SIGSEGV", 13 => "SIGPIPE", 14 => "SIGALRM", 15 => "SIGTERM",
        _ => $"signal {signal}",
    };

    /// <inheritdoc />
    public override string ToString() => Signal is int s ? $"killed by signal {s} ({SignalName(s)})" : $"exit code {ExitCode}";
}
