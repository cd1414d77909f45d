using System.Buffers.Binary;

namespace Tern.Wire;

/// <summary>
/// Reads QEMU_VM_COMMAND records with the <see cref="CommandParser"/> and keeps what they change for the records
/// after them: the end of a PACKAGED blob (the nested stream that must end exactly there) and whether a
/// POSTCOPY_ADVISE announced several page sizes (which MEM_SIZE then cannot frame).
/// </summary>
internal sealed class CommandReader
{
    private readonly RecordInput _input;
    private readonly RamBodyReader _ram;

    public CommandReader(RecordInput input, RamBodyReader ram)
    {
        _input = input;
        _ram = ram;
    }

    /// <summary>Absolute offset where the current PACKAGED blob ends, or -1 outside one.</summary>
    public long PackageEnd { get; private set; } = -1;

    /// <summary>Checks a record starting at <paramref name="offset"/> against the blob it is in, and leaves a blob that ends there.</summary>
    public void BeginRecord(long offset)
    {
        if (PackageEnd >= 0 && offset > PackageEnd)
            throw _input.Error($"a record crosses the end of the PACKAGED blob at offset {PackageEnd}");
        if (PackageEnd == offset) PackageEnd = -1;
    }

    /// <summary>Reads the command whose 0x08 is the next unread byte; its data is left as the payload.</summary>
    public CommandRecord Read()
    {
        var s = CommandParser.TryRead(_input.Feeder.Window, out var command, out var data);
        while (s.NeedsMore) s = CommandParser.TryRead(_input.Refill(s), out command, out data);
        if (s.IsInvalid) throw _input.Error(s.Message!);
        switch (command.Command)
        {
            case MigrationCommand.PostcopyAdvise when command.Length == 16:
                _ram.SeveralPageSizes = System.Numerics.BitOperations.PopCount(BinaryPrimitives.ReadUInt64BigEndian(data)) > 1;
                break;
            case MigrationCommand.Packaged:
                var blob = BinaryPrimitives.ReadUInt32BigEndian(data);
                if (PackageEnd >= 0) throw _input.Error("a PACKAGED command inside a PACKAGED blob");
                PackageEnd = _input.RecordOffset + CommandParser.HeaderLength + command.Length + blob;
                if (_input.Feeder.Length is long total && PackageEnd > total) throw _input.Truncated($"a {blob}-byte PACKAGED blob");
                break;
        }
        _input.Accept(s);
        return command;
    }
}
