namespace Tern.Predict;

/// <summary>How bad a finding is.</summary>
public enum Severity
{
    /// <summary>The migration fails (QEMU refuses to start or to load).</summary>
    Fatal,
    /// <summary>The migration succeeds, but something changes that the guest or the operator can see.</summary>
    Warning,
    /// <summary>For information.</summary>
    Note,
}
