using Tern.Wire;

namespace Tern.Tests.Wire;

// QEMU_VM_COMMAND: 0x08, be16 command, be16 length, data (migration/savevm.c mig_cmd_args[]).
public sealed class CommandParserTests
{
    [Fact]
    public void A_PING_is_a_5_byte_header_whose_data_stays_in_view()
    {
        byte[] ping = [0x08, 0, 2, 0, 4, 0, 0, 0, 7];
        // The data is checked before the unit completes: a cut in the header asks for the header, one in the data for all of it.
        for (var cut = 0; cut < ping.Length; cut++)
        {
            var short_ = CommandParser.TryRead(ping.AsSpan(0, cut), out _, out _);
            Assert.True(short_.NeedsMore);
            Assert.Equal(cut < 5 ? 5 : 9, short_.Needed);
        }
        var s = CommandParser.TryRead(ping, out var command, out var data);
        Assert.Equal(5, s.Consumed);
        Assert.Equal(new CommandRecord(MigrationCommand.Ping, 4), command);
        Assert.Equal([0, 0, 0, 7], data.ToArray());
    }

    [Fact]
    public void Lengths_are_checked_with_QEMUs_message()
    {
        Assert.Equal("PING received with bad length - expecting 4, got 3", CommandParser.TryRead([0x08, 0, 2, 0, 3], out _, out _).Message);
        Assert.Equal("MIG_CMD 0x99 unknown (len 0x0)", CommandParser.TryRead([0x08, 0, 0x99, 0, 0], out _, out _).Message);
    }
}
