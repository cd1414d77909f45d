using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Tern.Wire;

namespace Tern.Decode;

/// <summary>Encodes a decoded (or built) VMSD body back to wire bytes: the inverse of <see cref="VmStateDecoder"/>.</summary>
public static class VmStateEncoder
{
    /// <summary>Returns the wire bytes of <paramref name="value"/>.</summary>
    public static byte[] Encode(VmsdValue value)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Encode(value, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the wire bytes of <paramref name="value"/> to <paramref name="output"/>.</summary>
    public static void Encode(VmsdValue value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var f in value.Fields)
        {
            // A deferred element was never decoded, so never edited: its bytes are what the decoder read.
            if (f.Kind == FieldKind.Struct && f.HasStruct && !f.IsDeferred) Encode(f.Struct!, output);
            else output.Write(f.Raw.Span);
        }
        foreach (var s in value.Subsections)
        {
            var nameLen = Encoding.UTF8.GetByteCount(s.Name);
            var header = output.GetSpan(2 + nameLen + 4);
            header[0] = (byte)SectionType.Subsection;
            header[1] = checked((byte)nameLen);
            Encoding.UTF8.GetBytes(s.Name, header.Slice(2, nameLen));
            BinaryPrimitives.WriteUInt32BigEndian(header.Slice(2 + nameLen, 4), s.Version);
            output.Advance(2 + nameLen + 4);
            Encode(s.Body, output);
        }
    }
}
