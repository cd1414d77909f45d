namespace Tern.Vmstate;

/// <summary>What a <see cref="VmsdField.Size"/> measures.</summary>
public enum FieldSizeKind
{
    /// <summary>
    /// The host's C element size (<c>sizeof</c>), as <c>-dump-vmstate</c> prints it. Equal to the wire size for the
    /// integer types, but not for e.g. a <c>QEMUTimer</c> held by value (wire: 8 bytes) or a struct.
    /// </summary>
    Host,

    /// <summary>Bytes written on the wire for one element, nested subsections included (vmdesc).</summary>
    Wire,
}
