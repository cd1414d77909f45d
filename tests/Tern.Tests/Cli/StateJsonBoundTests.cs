using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Tern.Cli.Reports;
using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Cli;

/// <summary>
/// <c>inspect --json</c> writes a body with its own walk (no value tree), so the bounds the decoder keeps must hold
/// there too: whatever a hostile vmdesc says about one field, the state is written within a bound of the input, or
/// refused with a stream error naming where.
/// </summary>
public sealed class StateJsonBoundTests
{
    private static readonly byte[] Real = Fixtures.StreamBytes("same-10.0.13-virt-a57").ToArray();

    [Fact]
    public void No_vmdesc_field_makes_the_state_writer_write_without_bound()
    {
        var start = VmDescriptionLocator.FindTrailer(Real) + 5;
        var length = Real.Length - start;
        var vmdesc = JsonNode.Parse(Real.AsSpan(start, length))!;
        var devices = vmdesc["devices"]!.AsArray().Count;
        long[] sizes = [0, 1, 2, 4, 8, 4096, int.MaxValue];
        int?[] arrayLengths = [null, 0, 2, 1000, 65_536, 65_537, 2_000_000_000];
        string[] types = ["buffer", "uint32", "struct", "nullptr", "unused_buffer"];

        Gen.Select(Gen.Int[0, devices - 1], Gen.Int[0, 8], Gen.Int[0, sizes.Length - 1], Gen.Int[0, arrayLengths.Length - 1], Gen.Int[0, types.Length - 1], Gen.Bool)
            .Sample((device, field, size, arrayLength, type, insert) =>
            {
                var d = JsonNode.Parse(vmdesc.ToJsonString())!;
                var fields = d["devices"]![device]!["fields"]!.AsArray();
                var entry = new JsonObject { ["name"] = "hostile", ["type"] = types[type], ["size"] = sizes[size] };
                if (arrayLengths[arrayLength] is int n) entry["array_len"] = n;
                var at = Math.Min(field, fields.Count);
                if (insert || at == fields.Count) fields.Insert(at, entry);
                else fields[at] = entry;
                var input = WithVmDescription(Real, start, Encoding.UTF8.GetBytes(d.ToJsonString()));

                var output = new BoundedSink(64L * input.Length + (16 << 20));
                var error = Record.Exception(() =>
                {
                    using var reader = new MigrationStreamReader(new MemoryStream(input), new MigrationStreamReaderOptions { MaxRecordBytes = 8 << 20 });
                    using var state = new StateJsonWriter(output);
                    state.WriteAll(reader);
                });

                if (error is not null && error is not MigrationStreamException)
                    throw new InvalidOperationException($"device {device} field {at} ({entry.ToJsonString()}): {error.GetType().Name}: {error.Message}", error);
            }, iter: 150);
    }

    // The stream up to its vmdesc, then the new vmdesc with its 0x06 and be32 length.
    private static byte[] WithVmDescription(byte[] stream, int start, byte[] json)
    {
        var output = new byte[start + json.Length];
        stream.AsSpan(0, start - 4).CopyTo(output);
        BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(start - 4), json.Length);
        json.CopyTo(output.AsSpan(start));
        return output;
    }


    // Counts what is written and fails the write that passes the bound, so a regression ends at once.
    private sealed class BoundedSink(long limit) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _written += buffer.Length;
            if (_written > limit) throw new InvalidOperationException($"the state writer wrote more than {limit} bytes");
        }
    }
}
