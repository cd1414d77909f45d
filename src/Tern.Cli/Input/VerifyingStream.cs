namespace Tern.Cli.Input;

/// <summary>A write-only sink that checks every byte written against what a <see cref="RecordingStream"/> read.</summary>
internal sealed class VerifyingStream(RecordingStream original) : Stream
{
    /// <summary>Absolute offset of the first byte that differed, or null.</summary>
    public long? FirstDifference { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (FirstDifference is not null) return;
        var at = original.ComparedUpTo;
        var diff = original.Compare(buffer);
        if (diff >= 0) FirstDifference = at + diff;
    }

    public override void WriteByte(byte value) => Write([value]);
}
