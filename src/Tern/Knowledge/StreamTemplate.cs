using System.IO.Compression;
using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>A real stream without its RAM pages, with the configuration that produced it.</summary>
/// <param name="Name">The template's file name.</param>
/// <param name="Source">The QEMU version and options of the QEMU that wrote it.</param>
/// <param name="Origin">Where the stream came from (a fixture, a lab run).</param>
/// <param name="Subsections">The subsections the stream carries with their highest version (from its vmdesc, kept in the index).</param>
public sealed record StreamTemplate(string Name, HostSpec Source, string Origin, IReadOnlyDictionary<string, uint> Subsections)
{
    /// <summary>The vmdesc at the end of a template's bytes.</summary>
    public static Wire.VmDescription ReadVmDescription(byte[] bytes, string name)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var at = Wire.VmDescriptionLocator.FindTrailer(bytes);
        if (at < 0) throw new InvalidDataException($"template {name} has no vmdesc trailer");
        return Wire.VmDescription.Parse(bytes.AsSpan(at + 5));
    }

    /// <summary>The stream gzip-compressed, for templates that come from a profile; null for embedded ones.</summary>
    public byte[]? Compressed { get; init; }

    /// <summary>For a template from a profile: the profile file and the JSON path of <see cref="Compressed"/>, named when it does not decode.</summary>
    internal (string File, string Field)? CompressedIn { get; init; }

    /// <summary>The template's stream bytes.</summary>
    /// <exception cref="Profiles.ProfileFormatException">A template from a profile that is not gzip.</exception>
    public byte[] ReadBytes()
    {
        if (Compressed is null) return Gunzip(KnowledgeBase.OpenData("templates/" + Name));
        try
        {
            using var ms = new MemoryStream(Compressed, writable: false);
            return Gunzip(ms);
        }
        catch (InvalidDataException e) when (CompressedIn is { } at)
        {
            throw new Profiles.ProfileFormatException(at.File, at.Field, $"not a gzip stream ({e.Message})", e);
        }
    }

    /// <summary>The most a template (or a profile's dump) decompresses to.</summary>
    internal const int MaxBytes = 256 << 20;

    // Deflate's largest expansion (RFC 1951: 258 bytes from about 2 bits): an ISIZE above it lies.
    private const int MaxDeflateRatio = 1032;

    /// <summary>
    /// Decompresses a whole gzip stream (templates are small: a stream without its pages), at most <see cref="MaxBytes"/>;
    /// data that is not gzip, truncated, larger or not matching its size trailer is an <see cref="InvalidDataException"/>.
    /// </summary>
    internal static byte[] Gunzip(Stream compressed)
    {
        using var gz = new GZipStream(compressed, CompressionMode.Decompress);
        var expected = compressed.CanSeek ? Isize(compressed) : 0;
        if (expected > 0)
        {
            // One exact allocation instead of a growing buffer copied at each doubling.
            var bytes = GC.AllocateUninitializedArray<byte>(expected);
            try
            {
                gz.ReadExactly(bytes);
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("template: the gzip data is shorter than its size trailer", e);
            }
            if (gz.Read(stackalloc byte[1]) == 0) return bytes;
            throw new InvalidDataException("template: the gzip size trailer does not match its data");
        }
        using var ms = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = gz.Read(chunk)) > 0)
        {
            if (ms.Length + read > MaxBytes) throw new InvalidDataException($"template: larger than {MaxBytes >> 20} MiB uncompressed");
            ms.Write(chunk, 0, read);
        }
        return ms.ToArray();
    }

    // RFC 1952 ISIZE: the uncompressed length modulo 2^32 in the last four bytes (a template is far below 4 GiB);
    // 0 (read without it) when it is implausible for the compressed size.
    private static int Isize(Stream compressed)
    {
        if (compressed.Length < 18) return 0;
        var at = compressed.Position;
        Span<byte> trailer = stackalloc byte[4];
        compressed.Seek(-4, SeekOrigin.End);
        compressed.ReadExactly(trailer);
        compressed.Position = at;
        var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        return size > 0 && size <= MaxBytes && size <= (compressed.Length - 18) * MaxDeflateRatio ? (int)size : 0;
    }
}
