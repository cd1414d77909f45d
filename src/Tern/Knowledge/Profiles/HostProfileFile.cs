using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Tern.Platforms;

namespace Tern.Knowledge.Profiles;

/// <summary>
/// Reads and writes host profile files (<c>*.tern-profile.json.gz</c>, plain JSON also read). Reading is bounded:
/// at most <see cref="MaxJsonBytes"/> of JSON, whatever the gzip claims; every failure is a
/// <see cref="ProfileFormatException"/> naming the file and the field.
/// </summary>
public static class HostProfileFile
{
    /// <summary>The file name suffix <c>tern profile</c> writes.</summary>
    public const string Extension = ".tern-profile.json.gz";

    /// <summary>The largest profile (uncompressed JSON) Tern reads: a full profile of one binary is a few MB.</summary>
    public const int MaxJsonBytes = 256 << 20;

    private const string FormatPrefix = "tern-profile/";

    /// <summary>Reads and validates a whole profile.</summary>
    public static HostProfile Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(path, ReadJson(path, MaxJsonBytes));
    }

    /// <summary>Reads and validates a profile from a seekable stream (an embedded resource); <paramref name="origin"/> names it in errors.</summary>
    public static HostProfile Read(Stream input, string origin)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(origin);
        return Parse(origin, ReadJson(input, origin, MaxJsonBytes, truncateOk: false));
    }

    /// <summary>Reads and validates a whole profile from the bytes of a file (gzip or plain JSON); <paramref name="path"/> names it in errors.</summary>
    internal static HostProfile Read(byte[] content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(path);
        return Parse(path, ReadJson(content, path, MaxJsonBytes));
    }

    private static HostProfile Parse(string path, byte[] json)
    {
        CheckFormat(path, json, final: true);
        HostProfile? profile;
        try
        {
            profile = JsonSerializer.Deserialize(json, HostProfileJsonContext.Default.HostProfile);
        }
        catch (JsonException e)
        {
            var reason = e.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "unknown field (a profile from a newer Tern? upgrade Tern)"
                : e.InnerException is FormatException && e.Path is { } field && (field.EndsWith(".template", StringComparison.Ordinal) || field.EndsWith(".data", StringComparison.Ordinal))
                    ? "is not base64"
                    : FirstSentence(e.Message);
            throw new ProfileFormatException(path, e.Path ?? "$", reason + At(e), e);
        }
        if (profile is null) throw new ProfileFormatException(path, "$", "null is not a profile");
        Validate(path, profile);
        return profile;
    }

    /// <summary>Reads only the header fields (the first ones a profile holds); falls back to a full read for files written in another order.</summary>
    public static HostProfileHeader ReadHeader(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ParseHeader(path, ReadJson(path, HeaderBytes, truncateOk: true), () => Read(path));
    }

    /// <summary><see cref="ReadHeader(string)"/> of the bytes of a file; <paramref name="path"/> names it in errors.</summary>
    internal static HostProfileHeader ReadHeader(byte[] content, string path)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(path);
        return ParseHeader(path, ReadJson(content, path, HeaderBytes, truncateOk: true), () => Read(content, path));
    }

    // How much of a file the header is looked for in.
    private const int HeaderBytes = 64 << 10;

    private static HostProfileHeader ParseHeader(string path, byte[] json, Func<HostProfile> fullRead)
    {
        CheckFormat(path, json, final: false);
        string? label = null, arch = null, version = null, build = null, provenance = null, package = null;
        var reader = new Utf8JsonReader(json, isFinalBlock: false, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw new ProfileFormatException(path, "$", "a profile is a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var name = reader.GetString();
                if (!reader.Read()) break;
                switch (name)
                {
                    case "label": label = reader.GetString(); break;
                    case "arch": arch = reader.GetString(); break;
                    case "provenance": provenance = reader.GetString(); break;
                    case "format": break;
                    case "qemu" when reader.TokenType == JsonTokenType.StartObject:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var q = reader.GetString();
                            if (!reader.Read()) break;
                            if (q == "version") version = reader.GetString();
                            else if (q == "buildId") build = reader.GetString();
                            else if (q == "package") package = reader.GetString();
                            else if (!reader.TrySkip()) break;
                        }
                        break;
                    default:
                        goto done;
                }
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Not in the first chunk or not in the usual order: the full read says what is wrong, if anything.
        }
    done:
        if (label is null || arch is null || version is null || provenance is null)
        {
            var p = fullRead();
            return new HostProfileHeader(path, p.Label, p.Arch, p.Qemu.Version, p.Qemu.BuildId, p.Provenance) { Package = p.Qemu.Package };
        }
        return new HostProfileHeader(path, label, arch, version, build ?? "", provenance) { Package = package ?? "" };
    }

    /// <summary>Writes <paramref name="profile"/> as gzip-compressed JSON.</summary>
    public static void Write(HostProfile profile, Stream output)
    {
        ArgumentNullException.ThrowIfNull(profile);
        using var gz = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true);
        JsonSerializer.Serialize(gz, profile, HostProfileJsonContext.Default.HostProfile);
    }

    /// <summary>Writes <paramref name="profile"/> to <paramref name="path"/> through a temporary file, so a reader never sees half a profile.</summary>
    public static void Write(HostProfile profile, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp");
        try
        {
            using (var f = File.Create(tmp)) Write(profile, f);
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }

    /// <summary>The JSON of a profile file (gunzipped when it is gzip), at most <paramref name="limit"/> bytes.</summary>
    private static byte[] ReadJson(string path, int limit, bool truncateOk = false)
    {
        FileStream file;
        try
        {
            file = File.OpenRead(path);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ProfileFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
        using (file) return ReadJson(file, path, limit, truncateOk);
    }

    private static byte[] ReadJson(byte[] content, string path, int limit, bool truncateOk = false)
    {
        using var stream = new MemoryStream(content, writable: false);
        return ReadJson(stream, path, limit, truncateOk);
    }

    private static byte[] ReadJson(Stream file, string path, int limit, bool truncateOk)
    {
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var n = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            var gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            var hint = gzip ? GzipSizeHint(file) : file.CanSeek ? (int)Math.Min(file.Length, int.MaxValue) : 0;
            Stream s = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            using (s) return ReadAll(s, path, limit, truncateOk, hint);
        }
        catch (InvalidDataException e)
        {
            throw new ProfileFormatException(path, null, $"corrupt gzip data ({e.Message})", e);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new ProfileFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
    }

    // Reads the whole (decompressed) input into one array sized from the hint (the gzip size trailer), so a 500 KB
    // profile is one 500 KB allocation instead of a growing buffer and its copy; a hint that lies only costs the copy.
    private static byte[] ReadAll(Stream s, string path, int limit, bool truncateOk, int hint)
    {
        var buffer = new MemoryStream();
        if (hint > 0)
        {
            var first = GC.AllocateUninitializedArray<byte>(Math.Min(hint, limit));
            var got = s.ReadAtLeast(first, first.Length, throwOnEndOfStream: false);
            if (got < first.Length) return first[..got];
            if (first.Length == limit && truncateOk) return first;
            Span<byte> next = stackalloc byte[1];
            if (s.Read(next) == 0) return first;
            if (first.Length == limit) throw TooLarge(path, limit);
            buffer.Write(first);
            buffer.WriteByte(next[0]);
        }
        var chunk = new byte[81920];
        int read;
        while ((read = s.Read(chunk)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                if (truncateOk) { buffer.Write(chunk, 0, (int)(limit - buffer.Length)); break; }
                throw TooLarge(path, limit);
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static ProfileFormatException TooLarge(string path, int limit) =>
        new(path, null, $"larger than {limit >> 20} MiB of JSON: not a profile Tern reads");

    // RFC 1952 ISIZE (the uncompressed length modulo 2^32, in the last four bytes) of a seekable gzip input, or 0 when
    // it cannot be known. Only a size hint: the data decides.
    private static int GzipSizeHint(Stream file)
    {
        if (!file.CanSeek || file.Length < 18) return 0;
        var at = file.Position;
        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = at;
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        // Deflate expands at most ~1032:1; anything above is a lie not worth allocating for.
        return size > 0 && size <= (file.Length - 18) * 1032 ? (int)Math.Min(size, int.MaxValue) : 0;
    }

    // The format is checked before the shape, so a newer profile says "upgrade Tern", not "unknown field".
    private static void CheckFormat(string path, byte[] json, bool final)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: final, default);
        string? format = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                throw new ProfileFormatException(path, "$", "not a Tern profile (expected a JSON object with \"format\": \"" + HostProfile.CurrentFormat + "\")");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Compared as bytes: a name that is not UTF-8 is only this reader's business if it is "format".
                var isFormat = reader.ValueTextEquals("format"u8);
                if (!reader.Read()) break;
                if (isFormat) { format = reader.TokenType == JsonTokenType.String ? reader.GetString() : ""; break; }
                if (!reader.TrySkip()) break;
            }
        }
        catch (JsonException e)
        {
            throw new ProfileFormatException(path, "$", "not valid JSON" + At(e), e);
        }
        catch (InvalidOperationException e)
        {
            // Utf8JsonReader.GetString on a string that is not UTF-8.
            throw new ProfileFormatException(path, "$.format", "not valid UTF-8", e);
        }
        if (format is null)
            throw new ProfileFormatException(path, "$.format", "missing: not a Tern profile (expected \"format\": \"" + HostProfile.CurrentFormat + "\")");
        if (format == HostProfile.CurrentFormat) return;
        if (format.StartsWith(FormatPrefix, StringComparison.Ordinal) && int.TryParse(format.AsSpan(FormatPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 1)
            throw new ProfileFormatException(path, "$.format", $"'{format}' is newer than this Tern reads ({HostProfile.CurrentFormat}): upgrade Tern");
        throw new ProfileFormatException(path, "$.format", $"'{format}' is not a Tern profile format (expected {HostProfile.CurrentFormat})");
    }

    private static void Validate(string path, HostProfile p)
    {
        void Need(bool ok, string field, string reason)
        {
            if (!ok) throw new ProfileFormatException(path, field, reason);
        }
        // Nullable annotations are not enforced inside collections: null elements and values are refused here.
        void NoNulls<T>(IReadOnlyList<T?> list, string field)
            where T : class
        {
            for (var i = 0; i < list.Count; i++)
                if (list[i] is null) Need(false, $"{field}[{i}]", "null is not allowed here");
        }
        void NoNullValues(IReadOnlyDictionary<string, string> map, string field)
        {
            foreach (var (k, v) in map)
                if (v is null) Need(false, $"{field}.{k}", "null is not allowed here");
        }
        Need(p.Provenance is "measured" or "source", "$.provenance", $"'{p.Provenance}' must be \"measured\" or \"source\"");
        Need(Architectures.Parse(p.Arch) is not null, "$.arch", Architectures.NotModelled(p.Arch));
        Need(p.Label.Length > 0 && p.Label.Length <= 64 && !p.Label.Any(char.IsWhiteSpace), "$.label", "must be a non-empty word");
        Need(QemuVersion.TryParse(p.Qemu.Version, out _), "$.qemu.version", $"'{p.Qemu.Version}' is not a QEMU release number (major.minor[.micro])");
        NoNulls(p.Machines, "$.machines");
        NoNulls(p.CpuModels, "$.cpuModels");
        NoNulls(p.Samples, "$.samples");
        NoNulls(p.Dumps, "$.dumps");
        var dumps = p.Dumps.Select(d => d.Sha256).ToHashSet(StringComparer.Ordinal);
        var machines = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < p.Machines.Count; i++)
        {
            var m = p.Machines[i];
            Need(m.Name.Length > 0 && machines.Add(m.Name), $"$.machines[{i}].name", m.Name.Length == 0 ? "empty" : $"'{m.Name}' is listed twice");
            if (m.Dump is { } d) Need(dumps.Contains(d), $"$.machines[{i}].dump", $"no dump {d} in $.dumps");
            NoNullValues(m.Caps, $"$.machines[{i}].caps");
        }
        for (var i = 0; i < p.CpuModels.Count; i++)
        {
            var c = p.CpuModels[i];
            Need(c.Name.Length > 0, $"$.cpuModels[{i}].name", "empty");
            if (c.Pvr is { } pvr) Need(TryHex32(pvr, out _), $"$.cpuModels[{i}].pvr", $"'{pvr}' is not a 32-bit hex number (0x…)");
        }
        for (var i = 0; i < p.Samples.Count; i++)
        {
            var s = p.Samples[i];
            Need(machines.Contains(s.Machine), $"$.samples[{i}].machine", $"'{s.Machine}' is not in $.machines");
            NoNulls(s.Args, $"$.samples[{i}].args");
            NoNulls(s.Sections, $"$.samples[{i}].sections");
            NoNullValues(s.Caps, $"$.samples[{i}].caps");
            if (s.CpregIndexes is { } ix)
            {
                Need(s.CpregValues is { } vals && vals.Count == ix.Count, $"$.samples[{i}].cpregValues", "must have one value per index");
                // Thousands of registers per profile: the field path and message are formatted only for a bad one.
                for (var j = 0; j < ix.Count; j++)
                    if (!TryHex64(ix[j])) Need(false, $"$.samples[{i}].cpregIndexes[{j}]", $"'{ix[j]}' is not a hex number");
                for (var j = 0; j < ix.Count; j++)
                    if (!TryHex64(s.CpregValues![j])) Need(false, $"$.samples[{i}].cpregValues[{j}]", $"'{s.CpregValues[j]}' is not a hex number");
            }
        }
    }

    /// <summary>Parses <c>0x</c>-prefixed 32-bit hex.</summary>
    public static bool TryHex32(string s, out uint value)
    {
        value = 0;
        return s is not null && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    private static bool TryHex64(string? s) =>
        s is not null && s.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && ulong.TryParse(s.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    private static string At(JsonException e) =>
        e.LineNumber is { } l ? string.Create(CultureInfo.InvariantCulture, $" (line {l + 1}, byte {e.BytePositionInLine + 1})") : "";

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
