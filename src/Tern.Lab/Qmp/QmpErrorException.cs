namespace Tern.Lab.Qmp;

/// <summary>QEMU answered a command with <c>{"error": {"class": ..., "desc": ...}}</c>.</summary>
public sealed class QmpErrorException : QmpException
{
    /// <summary>Creates the exception.</summary>
    public QmpErrorException(string command, string errorClass, string description)
        : base($"QMP {command} failed: {errorClass}: {description}")
    {
        Command = command;
        ErrorClass = errorClass;
        Description = description;
    }

    /// <summary>The command that failed.</summary>
    public string Command { get; }
    /// <summary>QEMU's error class, e.g. <c>GenericError</c>, <c>CommandNotFound</c>.</summary>
    public string ErrorClass { get; }
    /// <summary>QEMU's error text.</summary>
    public string Description { get; }
}
