namespace Tern.Wire;

/// <summary>QEMU_VM_COMMAND sub-commands (migration/savevm.c, enum qemu_vm_cmd).</summary>
public enum MigrationCommand : ushort
{
    /// <summary>MIG_CMD_INVALID: always rejected.</summary>
    Invalid = 0,
    /// <summary>MIG_CMD_OPEN_RETURN_PATH.</summary>
    OpenReturnPath = 1,
    /// <summary>MIG_CMD_PING: be32 value.</summary>
    Ping = 2,
    /// <summary>MIG_CMD_POSTCOPY_ADVISE: empty or 16 bytes (page-size summary, target page size).</summary>
    PostcopyAdvise = 3,
    /// <summary>MIG_CMD_POSTCOPY_LISTEN.</summary>
    PostcopyListen = 4,
    /// <summary>MIG_CMD_POSTCOPY_RUN.</summary>
    PostcopyRun = 5,
    /// <summary>MIG_CMD_POSTCOPY_RAM_DISCARD: block name and (start, length) ranges.</summary>
    PostcopyRamDiscard = 6,
    /// <summary>MIG_CMD_PACKAGED: be32 N, then an N-byte nested stream that is not counted in the command length.</summary>
    Packaged = 7,
    /// <summary>MIG_CMD_ENABLE_COLO.</summary>
    EnableColo = 8,
    /// <summary>MIG_CMD_POSTCOPY_RESUME.</summary>
    PostcopyResume = 9,
    /// <summary>MIG_CMD_RECV_BITMAP: u8 length and a RAM block name.</summary>
    RecvBitmap = 10,
    /// <summary>MIG_CMD_SWITCHOVER_START (10.0+).</summary>
    SwitchoverStart = 11,
}
