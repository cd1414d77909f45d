namespace Tern.Knowledge.Profiles;

/// <summary>One <c>-dump-vmstate</c> output, stored once however many machine types print it.</summary>
public sealed record ProfileDump
{
    /// <summary>sha256 (hex) of the uncompressed dump.</summary>
    public required string Sha256 { get; init; }
    /// <summary>The dump, gzip (base64 in the file).</summary>
    public required byte[] Data { get; init; }
}
