namespace Tern.Schema.Diff;

/// <summary>How bad a <see cref="SchemaFinding"/> is for the migration it describes.</summary>
public enum FindingSeverity
{
    /// <summary>A difference QEMU's loader accepts (a new subsection the source never sends, a field replaced by padding of the same size, a rename).</summary>
    Harmless,

    /// <summary>
    /// Breaks only if something the schema cannot see is sent: a subsection whose <c>needed()</c> is true, a field
    /// whose test is true, a device the VM actually has. Certain for a stream's own contents, conditional for a dump.
    /// </summary>
    BreaksIfSent,

    /// <summary>Breaks the migration whenever the section is sent.</summary>
    Breaks,
}
