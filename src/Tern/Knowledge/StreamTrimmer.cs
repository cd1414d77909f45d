using Tern.Wire;

namespace Tern.Knowledge;

/// <summary>
/// Cuts a real stream down to a template: every record kept byte for byte except RAM page records
/// (ZERO, PAGE, XBZRLE, COMPRESS_PAGE), so the device sections and the vmdesc stay QEMU's own.
/// </summary>
public static class StreamTrimmer
{
    /// <summary>Copies <paramref name="input"/> to <paramref name="output"/> without RAM pages.</summary>
    public static void DropRamPages(Stream input, Stream output)
    {
        using var reader = new MigrationStreamReader(input, leaveOpen: true);
        using var writer = new MigrationStreamWriter(output, leaveOpen: true);
        while (reader.Read())
        {
            if (reader.Kind is MigrationRecordKind.RamZero or MigrationRecordKind.RamPage
                or MigrationRecordKind.RamXbzrle or MigrationRecordKind.RamCompressedPage) continue;
            writer.CopyRecord(reader);
        }
    }
}
