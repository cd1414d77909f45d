namespace Tern.Cli.Input;

/// <summary>
/// A read-through stream that remembers the bytes it has handed out until a <see cref="VerifyingStream"/>
/// has compared them: the round trip check works on pipes and gzip input without reading twice.
/// Memory is bounded by how far the reader reads ahead of the writer.
/// </summary>
internal sealed class RecordingStream(Stream inner) : Stream
{
    private byte[] _pending = new byte[1 << 20];
    private int _start;
    private int _end;

    /// <summary>Absolute offset of the oldest byte not yet compared.</summary>
    public long ComparedUpTo { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        if (n == 0) return 0;
        if (_pending.Length - _end < n)
        {
            var live = _end - _start;
            var target = live + n > _pending.Length ? new byte[Math.Max(_pending.Length * 2, live + n)] : _pending;
            Buffer.BlockCopy(_pending, _start, target, 0, live);
            _pending = target;
            _start = 0;
            _end = live;
        }
        buffer[..n].CopyTo(_pending.AsSpan(_end));
        _end += n;
        return n;
    }

    /// <summary>Compares <paramref name="written"/> with the next recorded bytes; returns the index of the first difference or -1.</summary>
    public int Compare(ReadOnlySpan<byte> written)
    {
        var available = _end - _start;
        var n = Math.Min(available, written.Length);
        var common = _pending.AsSpan(_start, n).CommonPrefixLength(written[..n]);
        if (common < n || n < written.Length) return common;
        _start += n;
        ComparedUpTo += n;
        return -1;
    }

    /// <summary>Bytes read but never written back.</summary>
    public int Uncompared => _end - _start;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
