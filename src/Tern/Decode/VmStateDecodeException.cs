namespace Tern.Decode;

/// <summary>A device body that does not match its description; names the field path and the absolute offset.</summary>
public sealed class VmStateDecodeException(long offset, string path, string reason)
    : Exception($"at offset {offset} (0x{offset:x}), field {path}: {reason}")
{
    /// <summary>Absolute stream offset where decoding stopped.</summary>
    public long Offset { get; } = offset;

    /// <summary>The field path, e.g. <c>cpu/env.gpr[3]</c>.</summary>
    public string Path { get; } = path;
}
