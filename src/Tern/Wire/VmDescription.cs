using System.Text.Json;
using Tern.Vmstate;

namespace Tern.Wire;

/// <summary>
/// The JSON vmdesc trailer a source writes after EOF (migration/savevm.c, <c>qemu_savevm_state_complete_precopy</c>):
/// page size, the configuration body (8.2+) and one description per FULL section.
/// </summary>
public sealed class VmDescription
{
    private readonly Dictionary<(string, uint), VmDescriptionDevice> _byKey;

    /// <summary>Creates a vmdesc model.</summary>
    public VmDescription(int pageSize, Vmsd? configuration, IReadOnlyList<VmDescriptionDevice> devices)
    {
        PageSize = pageSize;
        Configuration = configuration;
        Devices = devices;
        _byKey = new Dictionary<(string, uint), VmDescriptionDevice>();
        foreach (var d in devices) _byKey.TryAdd((d.Name, d.InstanceId), d);
    }

    /// <summary>The target page size the source used.</summary>
    public int PageSize { get; }

    /// <summary>The configuration section's description (QEMU 8.2+), else null.</summary>
    public Vmsd? Configuration { get; }

    /// <summary>One entry per FULL section, in stream order.</summary>
    public IReadOnlyList<VmDescriptionDevice> Devices { get; }

    /// <summary>Finds the entry of a section by idstr and instance id.</summary>
    public VmDescriptionDevice? Find(string idstr, uint instanceId) =>
        _byKey.TryGetValue((idstr, instanceId), out var d) ? d : null;

    /// <summary>
    /// The number of body bytes a section with this description occupies: every field's size times its
    /// element count, plus each sent subsection's header (0x05, u8 length, name, be32 version) and body.
    /// </summary>
    public static long BodyLength(VmDescriptionDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.LegacySize ?? BodyLength(device.Vmsd);
    }

    /// <summary>The number of bytes a VMSD body with this description occupies (fields, then subsections).</summary>
    /// <exception cref="OverflowException">The sizes add up past <see cref="long.MaxValue"/> (never for a parsed vmdesc).</exception>
    public static long BodyLength(Vmsd vmsd)
    {
        ArgumentNullException.ThrowIfNull(vmsd);
        long total = 0;
        checked
        {
            foreach (var f in vmsd.Fields) total += f.Size * f.Count;
            foreach (var s in vmsd.Subsections)
                total += 1 + 1 + System.Text.Encoding.UTF8.GetByteCount(s.Name) + 4 + BodyLength(s);
        }
        return total;
    }

    /// <summary>Parses vmdesc JSON. Throws <see cref="FormatException"/> naming the JSON path of the problem.</summary>
    public static VmDescription Parse(ReadOnlySpan<byte> utf8Json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new FormatException($"vmdesc is not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            try
            {
                return Read(doc.RootElement);
            }
            catch (InvalidOperationException e)
            {
                // JsonElement.GetString on text that is not valid UTF-8.
                throw new FormatException($"vmdesc: {e.Message}", e);
            }
        }
    }

    private static VmDescription Read(JsonElement root)
    {
        {
            if (root.ValueKind != JsonValueKind.Object) throw new FormatException("vmdesc: the top level is not a JSON object");
            var pageSize = root.TryGetProperty("page_size", out var ps) ? ReadInt(ps, "$.page_size") : throw new FormatException("vmdesc: missing $.page_size");
            if (pageSize < 512 || pageSize > (1 << 30) || (pageSize & (pageSize - 1)) != 0)
                throw new FormatException($"vmdesc: $.page_size {pageSize} is not a power of two between 512 and 1 GiB");
            Vmsd? configuration = root.TryGetProperty("configuration", out var c) ? ReadVmsd(c, "$.configuration", 0) : null;
            if (configuration is not null)
            {
                try
                {
                    _ = BodyLength(configuration);
                }
                catch (OverflowException)
                {
                    throw new FormatException("vmdesc: $.configuration describes a body of more than 2^63 bytes");
                }
            }
            if (!root.TryGetProperty("devices", out var devs) || devs.ValueKind != JsonValueKind.Array)
                throw new FormatException("vmdesc: missing $.devices array");
            var devices = new List<VmDescriptionDevice>();
            var i = 0;
            foreach (var d in devs.EnumerateArray())
            {
                devices.Add(ReadDevice(d, $"$.devices[{i}]"));
                i++;
            }
            return new VmDescription(pageSize, configuration, devices);
        }
    }

    private static VmDescriptionDevice ReadDevice(JsonElement d, string path)
    {
        if (d.ValueKind != JsonValueKind.Object) throw new FormatException($"vmdesc: {path} is not an object");
        var name = ReadString(d, "name", path);
        var instance = d.TryGetProperty("instance_id", out var inst) ? ReadInt64(inst, path + ".instance_id") : 0;
        if (instance is < 0 or > uint.MaxValue) throw new FormatException($"vmdesc: {path}.instance_id {instance} is out of range");
        long? legacySize = null;
        if (!d.TryGetProperty("vmsd_name", out _) && d.TryGetProperty("size", out var sz))
        {
            legacySize = ReadInt64(sz, path + ".size");
            if (legacySize < 0) throw new FormatException($"vmdesc: {path}.size is negative");
        }
        var vmsd = ReadVmsd(d, path, 0, fallbackName: name);
        var device = new VmDescriptionDevice(name, (uint)instance, vmsd, legacySize);
        // The reader frames with this length: a hostile size or array_len must fail here, not overflow there.
        try
        {
            _ = BodyLength(device.Vmsd);
        }
        catch (OverflowException)
        {
            throw new FormatException($"vmdesc: {path} describes a body of more than 2^63 bytes");
        }
        return device;
    }

    private static Vmsd ReadVmsd(JsonElement e, string path, int depth, string? fallbackName = null)
    {
        if (depth > 64) throw new FormatException($"vmdesc: {path} nests more than 64 levels");
        if (e.ValueKind != JsonValueKind.Object) throw new FormatException($"vmdesc: {path} is not an object");
        var name = e.TryGetProperty("vmsd_name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : fallbackName ?? "";
        var version = e.TryGetProperty("version", out var v) ? ReadInt(v, path + ".version") : 0;
        var fields = new List<VmsdField>();
        if (e.TryGetProperty("fields", out var fs))
        {
            if (fs.ValueKind != JsonValueKind.Array) throw new FormatException($"vmdesc: {path}.fields is not an array");
            var i = 0;
            foreach (var f in fs.EnumerateArray())
            {
                fields.Add(ReadField(f, $"{path}.fields[{i}]", depth));
                i++;
            }
        }
        var subs = new List<Vmsd>();
        if (e.TryGetProperty("subsections", out var ss))
        {
            if (ss.ValueKind != JsonValueKind.Array) throw new FormatException($"vmdesc: {path}.subsections is not an array");
            var i = 0;
            foreach (var s in ss.EnumerateArray())
            {
                subs.Add(ReadVmsd(s, $"{path}.subsections[{i}]", depth + 1));
                i++;
            }
        }
        return Vmsd.Described(name, version, fields, subs);
    }

    private static VmsdField ReadField(JsonElement f, string path, int depth)
    {
        if (f.ValueKind != JsonValueKind.Object) throw new FormatException($"vmdesc: {path} is not an object");
        var name = ReadString(f, "name", path);
        var type = ReadString(f, "type", path);
        var size = f.TryGetProperty("size", out var s) ? ReadInt64(s, path + ".size") : throw new FormatException($"vmdesc: {path}.size is missing");
        if (size < 0) throw new FormatException($"vmdesc: {path}.size {size} is negative");
        int? arrayLen = f.TryGetProperty("array_len", out var al) ? ReadInt(al, path + ".array_len") : null;
        if (arrayLen < 0) throw new FormatException($"vmdesc: {path}.array_len is negative");
        int? index = f.TryGetProperty("index", out var ix) ? ReadInt(ix, path + ".index") : null;
        Vmsd? nested = null;
        if (f.TryGetProperty("struct", out var st)) nested = ReadVmsd(st, path + ".struct", depth + 1);
        else if (f.TryGetProperty("fields", out _)) nested = ReadVmsd(f, path, depth + 1); // vstruct / tmp: inline body
        return VmsdField.Described(name, type, size, arrayLen, index, nested);
    }

    private static string ReadString(JsonElement e, string key, string path) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()!
            : throw new FormatException($"vmdesc: {path}.{key} is missing or not a string");

    private static int ReadInt(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var v) ? v : throw new FormatException($"vmdesc: {path} is not a 32-bit integer");

    private static long ReadInt64(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var v) ? v : throw new FormatException($"vmdesc: {path} is not an integer");
}
