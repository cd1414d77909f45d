namespace Tern.Cli.Batch;

/// <summary>
/// One line of <c>tern check --batch</c>: the same fields as the options of <c>tern check</c>
/// (<c>--source</c>, <c>--stream</c>, <c>--destination</c>, <c>--source-host</c>, <c>--destination-host</c>).
/// </summary>
internal sealed record BatchQuestion
{
    /// <summary>The source spec (a QEMU label and its options), or null when <see cref="Stream"/> is given.</summary>
    public string? Source { get; init; }
    /// <summary>A real migration stream file (the source facts come from it).</summary>
    public string? Stream { get; init; }
    /// <summary>The destination spec.</summary>
    public string? Destination { get; init; }
    /// <summary>Source host facts (<c>kvm=hv,pvr=0x…</c>).</summary>
    public string? SourceHost { get; init; }
    /// <summary>Destination host facts.</summary>
    public string? DestinationHost { get; init; }

    /// <summary>The question's identity: two lines with the same key get the same answer.</summary>
    public string Key => string.Join('\u001f', Source, Stream, Destination, SourceHost, DestinationHost);
}
