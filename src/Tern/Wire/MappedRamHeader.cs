namespace Tern.Wire;

/// <summary>The 28-byte MappedRamHeader that follows a block entry with mapped-ram (migration/ram.c, 9.0+).</summary>
/// <param name="Version">Header version (1).</param>
/// <param name="PageSize">The page size of the block.</param>
/// <param name="BitmapOffset">Absolute file offset of the dirty bitmap.</param>
/// <param name="PagesOffset">Absolute file offset of page 0 of the block.</param>
public sealed record MappedRamHeader(uint Version, ulong PageSize, ulong BitmapOffset, ulong PagesOffset)
{
    /// <summary>Wire size of the header.</summary>
    public const int Size = 28;
}
