using System.IO.Compression;
using System.Text.Json;
using Tern.Wire;

namespace Tern.Schema;

/// <summary>
/// Loads a schema from any of the inputs <c>tern diff</c> takes, detected by content: a migration stream (starts
/// with <c>QEVM</c>; its vmdesc trailer is used), a <c>-dump-vmstate</c> file (JSON with <c>"vmschkmachine"</c>) or a
/// bare vmdesc (JSON with <c>"devices"</c>); any of them may be gzipped.
/// </summary>
public static class SchemaLoader
{
    /// <summary>The most JSON read into memory (dumps are a few MB).</summary>
    public const int MaxJsonBytes = 256 << 20;

    /// <summary>Loads a schema from <paramref name="input"/>; <paramref name="origin"/> names it in errors.</summary>
    /// <exception cref="SchemaException">The input is none of the accepted kinds, or is malformed.</exception>
    public static VmstateSchema Load(Stream input, string origin)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(origin);
        var remaining = input.CanSeek ? input.Length - input.Position : -1;
        var head = new byte[4];
        var n = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var rest = new PrefixedReadStream(head, n, input);
        if (n >= 2 && head[0] == 0x1f && head[1] == 0x8b)
        {
            try
            {
                return Load(new GZipStream(rest, CompressionMode.Decompress), origin);
            }
            catch (InvalidDataException e)
            {
                // The first read of a corrupt gzip (the sniffing of the content inside) fails here, outside the readers.
                throw new SchemaException(origin, null, $"corrupt gzip data: {e.Message}", e);
            }
        }
        if (n == 4 && head[0] == 'Q' && head[1] == 'E' && head[2] == 'V' && head[3] == 'M')
            return FromStream(rest, origin);
        var json = remaining is >= 0 and <= MaxJsonBytes ? ReadExactly(rest, (int)remaining) : ReadBounded(rest, origin);
        return FromJson(json, origin);
    }

    /// <summary>Loads a schema from bytes already in memory (gzip, stream or JSON).</summary>
    public static VmstateSchema Load(byte[] content, string origin)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length >= 4 && content[0] == 'Q' && content[1] == 'E' && content[2] == 'V' && content[3] == 'M')
        {
            var p = VmDescriptionLocator.FindTrailer(content);
            if (p >= 0) return FromVmDescriptionJson(content.AsSpan(p + 5), origin, SchemaInputKind.MigrationStream, MachineType(content));
        }
        using var ms = new MemoryStream(content, writable: false);
        return Load(ms, origin);
    }

    /// <summary>Loads a schema from JSON text: a dump or a bare vmdesc.</summary>
    public static VmstateSchema FromJson(ReadOnlySpan<byte> utf8Json, string origin) => FromJson(utf8Json.ToArray(), origin);

    private static VmstateSchema FromJson(byte[] utf8Json, string origin)
    {
        var (isObject, hasMachine, hasDevices) = TopLevel(utf8Json, origin);
        if (!isObject)
            throw new SchemaException(origin, "$", "the top level is not a JSON object: expected a -dump-vmstate file or a vmdesc");
        if (hasMachine) return VmstateDumpLoader.Parse(utf8Json, origin);
        if (hasDevices) return FromVmDescriptionJson(utf8Json, origin, SchemaInputKind.VmDescriptionJson);
        throw new SchemaException(origin, "$",
            $"neither a -dump-vmstate file (no \"{VmstateDumpLoader.MachineKey}\" key) nor a vmdesc (no \"devices\" key)");
    }

    // Which kind of document this is, from its top-level keys (values are skipped, not parsed; QEMU writes
    // "vmschkmachine" first and "devices" after at most two small keys, so this usually stops at once).
    private static (bool IsObject, bool HasMachine, bool HasDevices) TopLevel(byte[] utf8Json, string origin)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 512 });
        bool hasMachine = false, hasDevices = false;
        try
        {
            if (!reader.Read()) throw new JsonException("the file is empty");
            if (reader.TokenType != JsonTokenType.StartObject) return (false, false, false);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                hasMachine |= reader.ValueTextEquals(VmstateDumpLoader.MachineKey);
                hasDevices |= reader.ValueTextEquals("devices"u8);
                if (hasMachine || hasDevices) break; // the parser that follows validates the rest
                reader.Read();
                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            throw JsonErrorLocator.Describe(origin, utf8Json, e);
        }
        return (true, hasMachine, hasDevices);
    }

    private static VmstateSchema FromVmDescriptionJson(ReadOnlySpan<byte> utf8Json, string origin, SchemaInputKind kind, string? machineType = null)
    {
        VmDescription vmdesc;
        try
        {
            vmdesc = VmDescription.Parse(utf8Json);
        }
        catch (FormatException e)
        {
            throw new SchemaException(origin, null, e.Message, e);
        }
        return VmDescriptionSchemaConverter.Convert(vmdesc, origin, kind, machineType);
    }

    // The machine type from the configuration section at the head of a stream held in memory, if it has one.
    private static string? MachineType(byte[] stream)
    {
        try
        {
            using var reader = new MigrationStreamReader(new MemoryStream(stream, writable: false));
            while (reader.Read())
            {
                if (reader.Kind == MigrationRecordKind.Configuration) return reader.Configuration?.MachineName;
                if (reader.Kind != MigrationRecordKind.FileHeader) return null;
            }
        }
        catch (MigrationStreamException)
        {
            // no usable configuration section: the machine type stays unknown
        }
        return null;
    }

    private static VmstateSchema FromStream(Stream stream, string origin)
    {
        try
        {
            using var reader = new MigrationStreamReader(stream, leaveOpen: true);
            while (reader.VmDescription is null && reader.Read())
            {
            }
            var vmdesc = reader.VmDescription
                         ?? throw new SchemaException(origin, null, "the migration stream has no vmdesc trailer (QEMU writes one after EOF since 2.3)");
            return VmDescriptionSchemaConverter.Convert(vmdesc, origin, SchemaInputKind.MigrationStream, reader.Configuration?.MachineName);
        }
        catch (Exception e) when (e is MigrationStreamException or InvalidDataException or (FormatException and not SchemaException))
        {
            throw new SchemaException(origin, null, $"cannot read the migration stream: {e.Message}", e);
        }
    }

    private static byte[] ReadExactly(Stream s, int length)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(length);
        var n = s.ReadAtLeast(bytes, length, throwOnEndOfStream: false);
        return n == length ? bytes : bytes[..n];
    }

    private static byte[] ReadBounded(Stream s, string origin)
    {
        using var ms = new MemoryStream();
        var buf = new byte[1 << 16];
        int n;
        try
        {
            while ((n = s.Read(buf)) > 0)
            {
                if (ms.Length + n > MaxJsonBytes) throw new SchemaException(origin, null, $"larger than {MaxJsonBytes} bytes: not a schema file");
                ms.Write(buf, 0, n);
            }
        }
        catch (InvalidDataException e)
        {
            throw new SchemaException(origin, null, $"corrupt gzip data: {e.Message}", e);
        }
        return ms.ToArray();
    }
}
