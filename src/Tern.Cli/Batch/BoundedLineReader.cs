namespace Tern.Cli.Batch;

/// <summary>
/// Reads UTF-8 lines from a stream without ever holding more than <c>maxLine</c> bytes of one line: a longer line
/// is reported as too long and skipped to its end, so a hostile input cannot make the batch allocate without bound.
/// </summary>
internal sealed class BoundedLineReader(Stream input, int maxLine)
{
    private readonly byte[] _buffer = new byte[Math.Max(maxLine, 4096) + 1];
    private int _start;
    private int _end;
    private bool _ended;

    /// <summary>Whether the next line must wait for the input (no whole line is buffered): the moment to flush answers.</summary>
    public bool NeedsInput => _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n') < 0;

    /// <summary>Reads the next line (without its <c>\n</c> or <c>\r\n</c>); false at the end of the input.</summary>
    /// <param name="line">The line's bytes, valid until the next call.</param>
    /// <param name="tooLong">True when the line was longer than the limit (<paramref name="line"/> is then empty).</param>
    public bool TryReadLine(out ReadOnlySpan<byte> line, out bool tooLong)
    {
        tooLong = false;
        var skipping = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var at = _start;
                _start += newline + 1;
                if (skipping)
                {
                    tooLong = true;
                    line = default;
                    return true;
                }
                line = TrimCr(_buffer.AsSpan(at, newline));
                return true;
            }
            if (_ended)
            {
                if (_start == _end && !skipping)
                {
                    line = default;
                    return false;
                }
                tooLong = skipping;
                line = skipping ? default : TrimCr(_buffer.AsSpan(_start, _end - _start));
                _start = _end;
                return true;
            }
            if (_end - _start > maxLine)
            {
                skipping = true;
                _start = _end = 0;
            }
            else if (_end == _buffer.Length || _start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            var n = input.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _ended = true;
            _end += n;
        }
    }

    private static ReadOnlySpan<byte> TrimCr(ReadOnlySpan<byte> line) => line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
}
