namespace Tern.Wire;

/// <summary>
/// The RAM block ids met so far, so that the id of every page resolves to one shared string without decoding or
/// allocating, and the block a CONTINUE record refers to (migration/ram.c ram_block_from_stream).
/// </summary>
internal sealed class RamBlockNames
{
    /// <summary>Most distinct block names (and MEM_SIZE entries) a stream may carry.</summary>
    public const int MaxBlocks = 1 << 16;

    private readonly List<(byte[] Bytes, string Name)> _names = [];
    private string? _last;

    /// <summary>The block of a CONTINUE record: the last one named.</summary>
    public string Continued(RecordInput input) =>
        _last ?? throw input.Error("Ack, bad migration stream! (a CONTINUE record with no earlier block)");

    /// <summary>The name of the block <paramref name="id"/> names, which becomes the last block.</summary>
    public string Resolve(ReadOnlySpan<byte> id, RecordInput input)
    {
        string? name = null;
        foreach (var (b, n) in _names)
        {
            if (id.SequenceEqual(b)) { name = n; break; }
        }
        if (name is null)
        {
            if (_names.Count >= MaxBlocks) throw input.Error($"more than {MaxBlocks} distinct RAM block names");
            if (!WireName.TryDecode(id, out name)) throw input.Error(WireName.NotUtf8(id, "a RAM block id"));
            _names.Add((id.ToArray(), name));
        }
        _last = name;
        return name;
    }
}
