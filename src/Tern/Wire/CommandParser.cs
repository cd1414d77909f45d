using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// The span core for QEMU_VM_COMMAND (migration/savevm.c loadvm_process_command and mig_cmd_args[]): the header,
/// and the length checks QEMU makes on the data, which must be in view. The unit is the 5-byte header; the data stays
/// in the window as the record's payload.
/// </summary>
internal static class CommandParser
{
    /// <summary>Bytes of the command header: 0x08, be16 command, be16 length.</summary>
    public const int HeaderLength = 5;

    /// <summary>
    /// Parses a command; <paramref name="data"/> is its data (a slice of <paramref name="window"/>), from which
    /// the caller takes what changes its state (PACKAGED's blob length, POSTCOPY_ADVISE's page-size summary).
    /// </summary>
    public static ParseStatus TryRead(ReadOnlySpan<byte> window, out CommandRecord command, out ReadOnlySpan<byte> data)
    {
        command = default;
        data = default;
        if (window.Length < HeaderLength) return ParseStatus.NeedMore(HeaderLength, "a command header");
        var cmd = BinaryPrimitives.ReadUInt16BigEndian(window[1..]);
        var len = BinaryPrimitives.ReadUInt16BigEndian(window[3..]);
        if (cmd == 0 || cmd > (ushort)MigrationCommand.SwitchoverStart)
            return ParseStatus.Invalid($"MIG_CMD 0x{cmd:x} unknown (len 0x{len:x})");
        var c = (MigrationCommand)cmd;
        int expected = c switch
        {
            MigrationCommand.Ping or MigrationCommand.Packaged => 4,
            MigrationCommand.PostcopyAdvise or MigrationCommand.PostcopyRamDiscard or MigrationCommand.RecvBitmap => -1,
            _ => 0,
        };
        if (expected >= 0 && len != expected)
            return ParseStatus.Invalid($"{Name(c)} received with bad length - expecting {expected}, got {len}");
        if (window.Length < HeaderLength + len) return ParseStatus.NeedMore(HeaderLength + len, $"{len} bytes of {Name(c)} data");
        var d = window.Slice(HeaderLength, len);
        switch (c)
        {
            case MigrationCommand.PostcopyAdvise when len != 0 && len != 16:
                return ParseStatus.Invalid($"{Name(c)} received with bad length - expecting 0 or 16, got {len}");
            case MigrationCommand.PostcopyRamDiscard when len < 3 || (len - 3 - d[1]) % 16 != 0 || len - 3 - d[1] < 16:
                return ParseStatus.Invalid($"POSTCOPY_RAM_DISCARD with inconsistent length {len}");
            case MigrationCommand.RecvBitmap when len < 1 || d[0] + 1 != len:
                return ParseStatus.Invalid($"RECV_BITMAP with inconsistent length {len}");
        }
        command = new CommandRecord(c, len);
        data = d;
        return ParseStatus.Done(HeaderLength);
    }

    /// <summary>QEMU's name of a command, as its messages print it.</summary>
    public static string Name(MigrationCommand c) => c switch
    {
        MigrationCommand.OpenReturnPath => "OPEN_RETURN_PATH",
        MigrationCommand.Ping => "PING",
        MigrationCommand.PostcopyAdvise => "POSTCOPY_ADVISE",
        MigrationCommand.PostcopyListen => "POSTCOPY_LISTEN",
        MigrationCommand.PostcopyRun => "POSTCOPY_RUN",
        MigrationCommand.PostcopyRamDiscard => "POSTCOPY_RAM_DISCARD",
        MigrationCommand.Packaged => "PACKAGED",
        MigrationCommand.EnableColo => "ENABLE_COLO",
        MigrationCommand.PostcopyResume => "POSTCOPY_RESUME",
        MigrationCommand.RecvBitmap => "RECV_BITMAP",
        MigrationCommand.SwitchoverStart => "SWITCHOVER_START",
        _ => c.ToString(),
    };
}
