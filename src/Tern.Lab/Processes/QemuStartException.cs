namespace Tern.Lab.Processes;

/// <summary>QEMU ended before its QMP monitor answered: it refused its command line (stderr says why) or crashed at start-up.</summary>
public sealed class QemuStartException : LabException
{
    /// <summary>Creates the exception.</summary>
    public QemuStartException(string label, QemuExitStatus exit, IReadOnlyList<string> stderr)
        : base($"QEMU {label} did not start ({exit}){(stderr.Count > 0 ? ": " + string.Join(" | ", stderr) : "")}")
    {
        Exit = exit;
        Stderr = stderr;
    }

    /// <summary>How the process ended.</summary>
    public QemuExitStatus Exit { get; }
    /// <summary>Every stderr line it printed.</summary>
    public IReadOnlyList<string> Stderr { get; }
}
