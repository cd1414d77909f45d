namespace Tern.Wire;

/// <summary>
/// Tells the reader how long a device section's body is. The stream does not say: only the sender's
/// VMState description (a vmdesc or a schema) does.
/// </summary>
public interface IDeviceBodyFramer
{
    /// <summary>
    /// Returns the body length of the section, or -1 when this framer cannot frame it.
    /// <paramref name="lookahead"/> holds the bytes available from the body's start (possibly fewer than the body).
    /// </summary>
    long GetBodyLength(in SectionHeader header, ReadOnlySpan<byte> lookahead);
}
