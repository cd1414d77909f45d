namespace Tern.Lab.Qmp;

/// <summary>
/// The QMP connection ended while a command was outstanding (or a command was sent after it ended):
/// QEMU exited or was killed. <see cref="ProcessExit"/> says how when the owner knows.
/// </summary>
public sealed class QmpConnectionClosedException : QmpException
{
    /// <summary>Creates the exception.</summary>
    public QmpConnectionClosedException(string? command, string? processExit, Exception? inner = null)
        : base(BuildMessage(command, processExit), inner ?? new EndOfStreamException("QMP socket closed"))
    {
        Command = command;
        ProcessExit = processExit;
    }

    /// <summary>The command that was outstanding, or null.</summary>
    public string? Command { get; }
    /// <summary>How the QEMU process ended (e.g. <c>killed by signal 9 (SIGKILL)</c>), when known.</summary>
    public string? ProcessExit { get; }

    private static string BuildMessage(string? command, string? processExit)
    {
        var what = command is null ? "the QMP connection closed" : $"QEMU closed the QMP connection during '{command}'";
        return processExit is null ? what : $"{what}: {processExit}";
    }
}
