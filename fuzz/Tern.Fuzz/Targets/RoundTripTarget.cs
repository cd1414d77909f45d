using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>
/// <c>tern inspect --roundtrip</c>: every record the reader accepts is copied by <see cref="MigrationStreamWriter.CopyRecord"/>;
/// a stream read to its end must come out byte-identical, and a refused one must be refused with an offset.
/// </summary>
public sealed class RoundTripTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "roundtrip";

    /// <inheritdoc/>
    public string Description => "reader then writer: byte-identical or a clean error";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var output = new MemoryStream();
        // A pipe, as the CLI reads it (its recording stream cannot seek).
        using (var reader = new MigrationStreamReader(new PipeStream(input), ReaderSettings.Create()))
        using (var writer = new MigrationStreamWriter(output, leaveOpen: true))
        {
            while (reader.Read()) writer.CopyRecord(reader);
        }
        var written = output.GetBuffer().AsSpan(0, (int)output.Length);
        if (!written.SequenceEqual(input))
        {
            var at = written.CommonPrefixLength(input);
            throw new FuzzContractException($"round trip differs at offset {at}: wrote {written.Length} bytes for a {input.Length}-byte input");
        }
    }

    /// <inheritdoc/>
    public bool IsOwnError(Exception error) => error is MigrationStreamException;
}
