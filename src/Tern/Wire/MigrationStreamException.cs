namespace Tern.Wire;

/// <summary>
/// A migration stream that cannot be read: truncated, corrupt, hostile, or in a layout Tern cannot frame.
/// Always names the byte offset where reading stopped and, when known, the section being read.
/// </summary>
public sealed class MigrationStreamException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="offset">Absolute byte offset in the (decompressed) stream where the problem was found.</param>
    /// <param name="section">The section being read, as <c>idstr</c> or <c>idstr (instance N)</c>; null outside any section.</param>
    /// <param name="reason">What was expected and what was found.</param>
    public MigrationStreamException(long offset, string? section, string reason)
        : base(Format(offset, section, reason))
    {
        Offset = offset;
        Section = section;
        Reason = reason;
    }

    /// <summary>Absolute byte offset in the stream where reading stopped.</summary>
    public long Offset { get; }

    /// <summary>The section being read, or null outside any section.</summary>
    public string? Section { get; }

    /// <summary>The reason without the offset/section prefix.</summary>
    public string Reason { get; }

    private static string Format(long offset, string? section, string reason) =>
        section is null
            ? $"at offset {offset} (0x{offset:x}): {reason}"
            : $"at offset {offset} (0x{offset:x}) in section '{section}': {reason}";
}
