namespace Tern.Wire;

/// <summary>
/// The I/O half of the reader: keeps a window of the input in one buffer, refills it from a
/// <see cref="Stream"/> (seekable or not) and skips bytes by seeking where it can. It knows
/// nothing of the stream format.
/// </summary>
internal sealed class StreamFeeder
{
    private readonly Stream _stream;
    private readonly int _maxWindow;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferBase; // absolute offset of _buffer[0]
    private bool _inputEnded;

    public StreamFeeder(Stream stream, int bufferSize, int maxWindow)
    {
        _stream = stream;
        _maxWindow = maxWindow;
        CanSeek = stream.CanSeek;
        if (stream is MemoryStream memory && memory.TryGetBuffer(out var bytes) && bytes.Count - memory.Position <= maxWindow)
        {
            // Bytes already in memory (a simulated stream, a template) are the window itself: nothing is copied.
            _buffer = bytes.Array!;
            _bufferBase = -bytes.Offset;
            _start = bytes.Offset + (int)memory.Position;
            _end = bytes.Offset + bytes.Count;
            _inputEnded = true;
            return;
        }
        _buffer = new byte[Math.Max(bufferSize, 4096)];
    }

    public bool CanSeek { get; }

    /// <summary>Absolute offset of the next unread byte.</summary>
    public long Position => _bufferBase + _start;

    /// <summary>Bytes buffered and not yet consumed.</summary>
    public int Available => _end - _start;

    /// <summary>The buffered, unconsumed bytes.</summary>
    public ReadOnlySpan<byte> Window => _buffer.AsSpan(_start, _end - _start);

    /// <summary>Total input length when the input can seek, else null.</summary>
    public long? Length => CanSeek ? _stream.Length : null;

    /// <summary>Tries to buffer at least <paramref name="count"/> bytes; false when the input ends first.</summary>
    public bool Ensure(int count)
    {
        if (_end - _start >= count) return true;
        return Fill(count);
    }

    private bool Fill(int count)
    {
        if (count > _maxWindow) throw new InvalidOperationException("window larger than the configured maximum");
        while (_end - _start < count)
        {
            if (_inputEnded) return false;
            if (_end == _buffer.Length)
            {
                if (_start > 0)
                {
                    Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                }
                else
                {
                    // Grow by doubling only when full, so a bogus length costs memory only as data really arrives; a
                    // seekable input whose rest really holds the record grows once, to the size asked for.
                    var doubled = (long)_buffer.Length * 2;
                    var wanted = CanSeek && _bufferBase + count <= _stream.Length ? Math.Max(doubled, count) : doubled;
                    var grown = new byte[(int)Math.Min(_maxWindow, wanted)];
                    Buffer.BlockCopy(_buffer, 0, grown, 0, _end);
                    _buffer = grown;
                }
                _bufferBase += _start;
                _end -= _start;
                _start = 0;
            }
            var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _inputEnded = true;
            _end += n;
        }
        return true;
    }

    /// <summary>Consumes <paramref name="count"/> buffered bytes.</summary>
    public void Advance(int count)
    {
        System.Diagnostics.Debug.Assert(count <= _end - _start);
        _start += count;
    }

    /// <summary>True when no byte is left.</summary>
    public bool AtEnd() => !Ensure(1);

    /// <summary>Skips <paramref name="count"/> bytes without copying them where the input can seek; false if the input ends first.</summary>
    public bool Skip(long count)
    {
        var inBuffer = (int)Math.Min(count, _end - _start);
        _start += inBuffer;
        var rest = count - inBuffer;
        if (rest == 0) return true;
        var streamPos = _bufferBase + _end;
        _bufferBase = streamPos;
        _start = _end = 0;
        if (CanSeek)
        {
            var length = _stream.Length;
            if (streamPos + rest > length)
            {
                _stream.Seek(length, SeekOrigin.Begin);
                _bufferBase = length;
                _inputEnded = true;
                return false;
            }
            _stream.Seek(rest, SeekOrigin.Current);
            _bufferBase = streamPos + rest;
            return true;
        }
        while (rest > 0)
        {
            var n = _stream.Read(_buffer, 0, (int)Math.Min(rest, _buffer.Length));
            if (n == 0)
            {
                _inputEnded = true;
                return false;
            }
            rest -= n;
            _bufferBase += n;
        }
        return true;
    }

    /// <summary>Copies <paramref name="count"/> bytes to <paramref name="destination"/> in buffer-sized pieces; false if the input ends first.</summary>
    public bool CopyTo(long count, Stream destination)
    {
        while (count > 0)
        {
            if (_end == _start && !Fill(1)) return false;
            var n = (int)Math.Min(count, _end - _start);
            destination.Write(_buffer, _start, n);
            _start += n;
            count -= n;
        }
        return true;
    }

    /// <summary>
    /// Reads the last bytes of a seekable input without disturbing the reading position:
    /// up to <paramref name="maxBytes"/> bytes ending at the end of the input.
    /// </summary>
    public byte[] ReadTail(int maxBytes)
    {
        var length = _stream.Length;
        var keep = _stream.Position;
        var count = (int)Math.Min(maxBytes, length);
        var tail = new byte[count];
        _stream.Seek(length - count, SeekOrigin.Begin);
        _stream.ReadExactly(tail);
        _stream.Seek(keep, SeekOrigin.Begin);
        return tail;
    }

    /// <summary>Buffers everything that is left of a non-seekable input, up to the window maximum; false when it is larger.</summary>
    public bool BufferToEnd()
    {
        var want = _end - _start;
        while (!_inputEnded)
        {
            if (want >= _maxWindow) return false;
            want = (int)Math.Min(_maxWindow, Math.Max(want + 1, (long)want * 2));
            Fill(want);
            want = _end - _start;
        }
        return true;
    }
}
