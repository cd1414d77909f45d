using Tern.Wire;

namespace Tern.Tests.Support;

/// <summary>
/// A small stream cut from a real one: every record kept byte for byte except RAM page records beyond the
/// first few, so device sections, footers and the vmdesc are QEMU's own.
/// </summary>
internal static class SmallStream
{
    public static byte[] From(string fixture, int keepPages = 3)
    {
        using var reader = new MigrationStreamReader(new MemoryStream(Fixtures.StreamBytes(fixture)));
        var output = new MemoryStream();
        using (var writer = new MigrationStreamWriter(output, leaveOpen: true))
        {
            var pages = 0;
            var lastBlockWritten = (string?)null;
            while (reader.Read())
            {
                if (reader.Kind is MigrationRecordKind.RamZero or MigrationRecordKind.RamPage)
                {
                    if (pages++ >= keepPages) continue;
                    // A kept record may follow dropped ones: write its block id unless the last kept record named the same block.
                    var flags = reader.Ram.BlockName == lastBlockWritten ? reader.Ram.Flags | RamPageFlags.Continue : reader.Ram.Flags & ~RamPageFlags.Continue;
                    writer.WriteRamHeader(reader.Ram.Offset, flags, reader.Ram.BlockName);
                    lastBlockWritten = reader.Ram.BlockName;
                    if (reader.Kind == MigrationRecordKind.RamZero) writer.WriteBytes([reader.Ram.FillByte]);
                    else writer.WriteBytes(reader.GetPayload());
                    continue;
                }
                writer.CopyRecord(reader);
            }
        }
        return output.ToArray();
    }

    /// <summary>Reads every record of <paramref name="stream"/>, touching every payload.</summary>
    public static int ReadAll(Stream stream, MigrationStreamReaderOptions? options = null)
    {
        using var reader = new MigrationStreamReader(stream, options);
        var n = 0;
        while (reader.Read())
        {
            if (reader.PayloadLength is > 0 and < (16 << 20)) _ = reader.GetPayload();
            n++;
        }
        return n;
    }
}
