namespace Tern.Wire;

/// <summary>One section as seen in the stream, with its size and (from the vmdesc) the subsections it sent.</summary>
public sealed class SectionStats(SectionHeader header, long offset)
{
    /// <summary>The START or FULL header.</summary>
    public SectionHeader Header { get; } = header;
    /// <summary>Absolute offset of the START or FULL header.</summary>
    public long Offset { get; } = offset;
    /// <summary>How many times the section appeared (START + PARTs + END, or 1 for FULL).</summary>
    public int Parts { get; internal set; }
    /// <summary>Stream bytes of all its parts, headers and footers included.</summary>
    public long Bytes { get; internal set; }
    /// <summary>The subsections the vmdesc says were sent (nested ones as <c>parent/child</c> paths), empty for iterative sections.</summary>
    public IReadOnlyList<string> Subsections { get; internal set; } = [];
}
