namespace Tern.Wire;

/// <summary>Per-RAM-block counts gathered by <see cref="StreamSummarizer"/>.</summary>
public sealed class RamBlockStats(string name)
{
    /// <summary>The block name.</summary>
    public string Name { get; } = name;
    /// <summary>Used length announced by MEM_SIZE (0 if never announced).</summary>
    public ulong UsedLength { get; internal set; }
    /// <summary>ZERO records.</summary>
    public long ZeroPages { get; internal set; }
    /// <summary>PAGE records.</summary>
    public long NormalPages { get; internal set; }
    /// <summary>XBZRLE records.</summary>
    public long XbzrlePages { get; internal set; }
    /// <summary>COMPRESS_PAGE records.</summary>
    public long CompressedPages { get; internal set; }
    /// <summary>Stream bytes spent on this block's records (headers included).</summary>
    public long StreamBytes { get; internal set; }
}
