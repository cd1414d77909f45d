using Tern.Wire;

namespace Tern.Bench;

/// <summary>
/// Writes a real-format stream of any size with <see cref="MigrationStreamWriter"/>: every record of a
/// real fixture (file header, configuration, device sections, footers, spapr/htab, vmdesc trailer) is
/// copied as is, except that the largest RAM block is resized to <c>ramBytes</c> and all its records
/// are replaced by PAGE records of random bytes, written where the fixture sent its first page of that
/// block. The result is what a paused guest whose RAM holds random data would send.
/// </summary>
internal static class SyntheticStream
{
    /// <summary>Writes the stream to <paramref name="output"/>; returns the number of bytes written.</summary>
    public static long Write(Stream output, byte[] template, long ramBytes, int seed = 42, bool randomContent = true, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var reader = new MigrationStreamReader(new MemoryStream(template, writable: false));
        using var writer = new MigrationStreamWriter(output, leaveOpen: true);
        var random = new Random(seed);
        string? mainBlock = null;
        var pagesWritten = false;
        var page = new byte[0];
        while (reader.Read())
        {
            switch (reader.Kind)
            {
                case MigrationRecordKind.RamMemSize:
                    {
                        writer.PageSize = reader.PageSize;
                        if (ramBytes % reader.PageSize != 0)
                            throw new ArgumentException($"the RAM size must be a multiple of the {reader.PageSize}-byte page", nameof(ramBytes));
                        var main = reader.RamBlocks.MaxBy(b => b.UsedLength)
                            ?? throw new InvalidDataException("the template's MEM_SIZE lists no block");
                        mainBlock = main.Name;
                        var blocks = reader.RamBlocks.Select(b => b.Name == mainBlock ? b with { UsedLength = (ulong)ramBytes } : b).ToList();
                        writer.WriteRamMemSize(blocks, reader.Ram.Flags & ~RamPageFlags.MemSize);
                        page = new byte[reader.PageSize];
                        continue;
                    }
                case MigrationRecordKind.RamZero:
                case MigrationRecordKind.RamPage:
                case MigrationRecordKind.RamXbzrle:
                case MigrationRecordKind.RamCompressedPage:
                    if (reader.Ram.BlockName != mainBlock) break;
                    if (!pagesWritten)
                    {
                        pagesWritten = true;
                        var nextReport = 256L << 20;
                        for (long off = 0; off < ramBytes; off += page.Length)
                        {
                            if (randomContent) random.NextBytes(page);
                            writer.WriteRamPage((ulong)off, mainBlock!, page);
                            if (progress is not null && writer.BytesWritten >= nextReport)
                            {
                                progress(writer.BytesWritten);
                                nextReport += 256L << 20;
                            }
                        }
                    }
                    continue; // the template's own records of the main block are dropped
            }
            writer.CopyRecord(reader);
        }
        if (!pagesWritten) throw new InvalidDataException("the template sends no page of its main RAM block");
        output.Flush();
        return writer.BytesWritten;
    }

    /// <summary>The size of the stream <see cref="Write"/> would produce (page contents do not change it).</summary>
    public static long Length(byte[] template, long ramBytes) => Write(Stream.Null, template, ramBytes, randomContent: false);
}
