namespace Tern.Lab.Qmp;

/// <summary>Base of every QMP failure.</summary>
public class QmpException : Exception
{
    /// <summary>Creates the exception.</summary>
    public QmpException() { }
    /// <summary>Creates the exception with a message.</summary>
    public QmpException(string message) : base(message) { }
    /// <summary>Creates the exception with a message and a cause.</summary>
    public QmpException(string message, Exception inner) : base(message, inner) { }
}
