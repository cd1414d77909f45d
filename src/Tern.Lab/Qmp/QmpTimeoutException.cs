namespace Tern.Lab.Qmp;

/// <summary>A QMP command or an awaited event did not complete in time.</summary>
public sealed class QmpTimeoutException : QmpException
{
    /// <summary>Creates the exception.</summary>
    public QmpTimeoutException(string what, TimeSpan timeout)
        : base($"QMP {what} did not complete within {timeout.TotalSeconds:0.#} s")
    {
        What = what;
        Timeout = timeout;
    }

    /// <summary>The command or event waited for.</summary>
    public string What { get; }
    /// <summary>The time limit.</summary>
    public TimeSpan Timeout { get; }
}
