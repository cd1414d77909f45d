namespace Tern.Decode;

/// <summary>How a VMState field's bytes are interpreted.</summary>
public enum FieldKind
{
    /// <summary>Raw bytes (buffers, timers, unknown device-specific types).</summary>
    Bytes,
    /// <summary>A big-endian integer of 1, 2, 4 or 8 bytes.</summary>
    Integer,
    /// <summary>One byte, non-zero meaning true (any byte is accepted on load).</summary>
    Bool,
    /// <summary>A nested VMSD body (struct, vstruct, tmp).</summary>
    Struct,
    /// <summary>The NULL-pointer marker byte 0x30.</summary>
    NullPointer,
}
