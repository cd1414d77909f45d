namespace Tern.Knowledge.Profiles;

/// <summary>One <c>-dump-vmstate</c> output, stored once however many machine types print it.</summary>
public sealed record ProfileDump
{
    /// <summary>sha256 (hex) of the uncompressed dump.</summary>
    public required string Sha256 { get; init; }
    /// <summary>The dump, gzip, base64.</summary>
    public required string Data { get; init; }
}
