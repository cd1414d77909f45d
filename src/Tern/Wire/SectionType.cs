namespace Tern.Wire;

/// <summary>The one-byte record types of a QEMU migration stream (migration/savevm.c, QEMU_VM_*).</summary>
public enum SectionType : byte
{
    /// <summary>QEMU_VM_EOF: end of the device stream.</summary>
    Eof = 0x00,
    /// <summary>QEMU_VM_SECTION_START: first section of an iterative handler (full header).</summary>
    Start = 0x01,
    /// <summary>QEMU_VM_SECTION_PART: one iteration (short header).</summary>
    Part = 0x02,
    /// <summary>QEMU_VM_SECTION_END: last iteration (short header).</summary>
    End = 0x03,
    /// <summary>QEMU_VM_SECTION_FULL: a whole non-iterative device (full header).</summary>
    Full = 0x04,
    /// <summary>QEMU_VM_SUBSECTION: only inside a VMSD body.</summary>
    Subsection = 0x05,
    /// <summary>QEMU_VM_VMDESCRIPTION: the JSON trailer after EOF.</summary>
    VmDescription = 0x06,
    /// <summary>QEMU_VM_CONFIGURATION: the configuration section right after the header.</summary>
    Configuration = 0x07,
    /// <summary>QEMU_VM_COMMAND: a command with a payload.</summary>
    Command = 0x08,
    /// <summary>QEMU_VM_SECTION_FOOTER: footer after a section body (2.4+).</summary>
    Footer = 0x7e,
}
