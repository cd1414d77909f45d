namespace Tern.Lab;

/// <summary>The lab environment is not usable: a QEMU version is not installed, the installer cannot run, a binary is missing.</summary>
public class LabException : Exception
{
    /// <summary>Creates the exception.</summary>
    public LabException() { }
    /// <summary>Creates the exception with a message.</summary>
    public LabException(string message) : base(message) { }
    /// <summary>Creates the exception with a message and a cause.</summary>
    public LabException(string message, Exception inner) : base(message, inner) { }
}
