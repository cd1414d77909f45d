namespace Tern.Wire;

/// <summary>The header of a QEMU_VM_COMMAND record.</summary>
/// <param name="Command">The be16 command.</param>
/// <param name="Length">The be16 data length (for PACKAGED, 4: the nested blob is not counted).</param>
public readonly record struct CommandRecord(MigrationCommand Command, ushort Length);
