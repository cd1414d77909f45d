using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>
/// <c>tern inspect FILE</c>'s summary pass: <see cref="StreamSummarizer"/> over the stream, once from a seekable
/// input (the vmdesc is read from the tail) and once from a pipe (the tail is buffered), as the CLI gets either.
/// </summary>
public sealed class SummaryTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "summary";

    /// <inheritdoc/>
    public string Description => "stream reader summary pass (seekable and pipe input)";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Exception? seekable = null;
        try
        {
            using var file = new MigrationStreamReader(new MemoryStream(input, writable: false), ReaderSettings.Create());
            StreamSummarizer.Summarize(file);
        }
        catch (Exception e) when (IsOwnError(e))
        {
            seekable = e;
        }
        using var pipe = new MigrationStreamReader(new PipeStream(input), ReaderSettings.Create());
        StreamSummarizer.Summarize(pipe);
        if (seekable is not null) throw seekable;
    }

    /// <inheritdoc/>
    public bool IsOwnError(Exception error) => error is MigrationStreamException;
}
