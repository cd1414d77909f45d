using System.Buffers;
using Tern.Wire;

namespace Tern.Predict;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> that passes what is written on to a <see cref="MigrationStreamWriter"/> in
/// pieces of one fixed buffer, so encoding a 2 MiB device body never builds a 2 MiB intermediate copy.
/// </summary>
internal sealed class ChunkedBufferWriter(MigrationStreamWriter sink) : IBufferWriter<byte>
{
    private byte[] _buffer = new byte[64 << 10];
    private int _used;

    public void Advance(int count) => _used += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_used);
    }

    /// <summary>Writes out what is buffered.</summary>
    public void Flush()
    {
        if (_used == 0) return;
        sink.WriteBytes(_buffer.AsSpan(0, _used));
        _used = 0;
    }

    private void Reserve(int sizeHint)
    {
        var wanted = Math.Max(sizeHint, 1);
        if (_buffer.Length - _used >= wanted) return;
        Flush();
        if (_buffer.Length < wanted) _buffer = new byte[wanted];
    }
}
