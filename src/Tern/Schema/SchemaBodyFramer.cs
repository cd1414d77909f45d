using System.Buffers.Binary;
using System.Text;
using Tern.Wire;
using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// Frames (and describes, for decoding) device sections of a stream that has no vmdesc, from a
/// <c>-dump-vmstate</c> schema: the section's VMSD is found by the last component of its idstr, fields are walked in
/// order with their version gates, structs recursively, then the subsections the stream actually carries.
/// It refuses rather than guesses: a field with a test function, a VMSD the schema lacks, or a body whose computed end
/// is not followed by the section footer (0x7e + section id) all make it give up, and the reader reports the section.
/// When it gives up and footers are on, <see cref="AllowFooterScan"/> lets it find the footer instead (a heuristic,
/// reported as such): the section then stays opaque bytes.
/// </summary>
public sealed class SchemaBodyFramer(VmstateSchema schema) : IDeviceBodyFramer
{
    /// <summary>The most struct elements of 0 bytes one field may have (as <c>VmStateDecoder.MaxEmptyElements</c>).</summary>
    public const int MaxEmptyElements = 1 << 16;

    private readonly Dictionary<(string, uint), (VmDescriptionDevice? Device, string How)> _framed = [];

    /// <summary>Whether a section the schema cannot frame may be delimited by searching for its footer.</summary>
    public bool AllowFooterScan { get; init; } = true;

    /// <summary>How each framed section was delimited: <c>schema</c> or <c>footer-scan</c>, with the reason for the latter.</summary>
    public IReadOnlyDictionary<(string IdStr, uint Instance), (VmDescriptionDevice? Device, string How)> Framed => _framed;

    /// <inheritdoc/>
    public long GetBodyLength(in SectionHeader header, ReadOnlySpan<byte> lookahead)
    {
        // The idstr is the VMSD name, or "<qdev path>/<vmsd name>" (migration/savevm.c register_savevm_live).
        var name = header.IdStr;
        var vmsd = schema.FindVmsd(name);
        for (var slash = name.IndexOf('/', StringComparison.Ordinal); vmsd is null && slash >= 0; slash = name.IndexOf('/', slash + 1))
            vmsd = schema.FindVmsd(name[(slash + 1)..]);
        string why;
        if (vmsd is null)
        {
            why = $"the schema has no VMSD '{name}'";
        }
        else
        {
            var walker = new Walker(lookahead);
            var desc = walker.Frame(vmsd, (int)header.VersionId, header.IdStr);
            if (desc is not null && Footer(lookahead, walker.Position, header.SectionId))
            {
                _framed[(header.IdStr, header.InstanceId)] = (new VmDescriptionDevice(header.IdStr, header.InstanceId, desc, null), "schema");
                return walker.Position;
            }
            why = walker.Problem ?? "the body computed from the schema is not followed by the section footer";
        }
        if (!AllowFooterScan) return -1;
        // Heuristic: the first 0x7e + be32 section id followed by a byte that can start the next record.
        Span<byte> footer = stackalloc byte[5];
        footer[0] = (byte)SectionType.Footer;
        BinaryPrimitives.WriteUInt32BigEndian(footer[1..], header.SectionId);
        var from = 0;
        while (true)
        {
            var at = lookahead[from..].IndexOf(footer);
            if (at < 0) return -1;
            at += from;
            if (at + 5 < lookahead.Length && lookahead[at + 5] is 0x00 or 0x01 or 0x02 or 0x03 or 0x04 or 0x08)
            {
                _framed[(header.IdStr, header.InstanceId)] = (null, $"footer-scan ({why})");
                return at;
            }
            from = at + 1;
        }
    }

    private static bool Footer(ReadOnlySpan<byte> data, int at, uint sectionId) =>
        at + 5 <= data.Length && data[at] == (byte)SectionType.Footer && BinaryPrimitives.ReadUInt32BigEndian(data.Slice(at + 1, 4)) == sectionId;

    /// <summary>Walks bytes against a schema VMSD and builds the equivalent vmdesc description.</summary>
    private ref struct Walker(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;

        public int Position { get; private set; }

        public string? Problem { get; private set; }

        public Vmsd? Frame(Vmsd vmsd, int version, string path)
        {
            var fields = new List<VmsdField>();
            foreach (var f in vmsd.Fields)
            {
                if (f.HasTest == true) return Fail($"{path}.{f.Name} has a test function: whether it is sent cannot be known from a dump");
                if (f.VersionId is int v && v > version) continue;
                var count = f.ArrayLength ?? 1;
                if (f.Struct is not null)
                {
                    for (var i = 0; i < count; i++)
                    {
                        var start = Position;
                        var child = Frame(f.Struct, f.Struct.VersionId, $"{path}.{f.Name}");
                        if (child is null) return null;
                        // An element of 0 bytes never runs out of data: a hostile "num" would make billions of them.
                        if (Position == start && count > MaxEmptyElements)
                            return Fail($"{path}.{f.Name}: {count} struct elements of 0 bytes is not a real description");
                        fields.Add(VmsdField.Described(f.Name, "struct", Position - start, null, count > 1 ? i : null, child));
                    }
                    continue;
                }
                if (f.Size < 0 || (f.Size > 0 && count > (_data.Length - Position) / f.Size)) return Fail($"{path}.{f.Name} runs past the data available");
                Position += (int)(f.Size * count);
                // A dump has no type names: sizes 1/2/4/8 are shown as unsigned integers, the rest as bytes.
                var type = f.IsUnused ? "unused_buffer" : f.Size switch { 1 => "uint8", 2 => "uint16", 4 => "uint32", 8 => "uint64", _ => "buffer" };
                fields.Add(VmsdField.Described(f.Name, type, f.Size, count > 1 ? count : null, null, null));
            }
            var subs = new List<Vmsd>();
            while (Position + 2 <= _data.Length && _data[Position] == (byte)SectionType.Subsection)
            {
                // migration/vmstate.c vmstate_subsection_load: only names that start with our VMSD name are ours.
                int len = _data[Position + 1];
                if (Position + 2 + len + 4 > _data.Length) return Fail($"{path}: subsection header runs past the data available");
                var name = Encoding.UTF8.GetString(_data.Slice(Position + 2, len));
                if (!name.StartsWith(vmsd.Name + "/", StringComparison.Ordinal)) break;
                var sub = vmsd.FindSubsection(name);
                if (sub is null) return Fail($"{path}: the stream carries subsection '{name}', which the schema does not declare");
                var subVersion = (int)BinaryPrimitives.ReadUInt32BigEndian(_data.Slice(Position + 2 + len, 4));
                Position += 2 + len + 4;
                var body = Frame(sub, subVersion, name);
                if (body is null) return null;
                subs.Add(body);
            }
            return Vmsd.Described(vmsd.Name, version, fields, subs);
        }

        private Vmsd? Fail(string why)
        {
            Problem ??= why;
            return null;
        }
    }
}
