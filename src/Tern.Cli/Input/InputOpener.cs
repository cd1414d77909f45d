using System.IO.Compression;

namespace Tern.Cli.Input;

/// <summary>Opens a user's input file or standard input (<c>-</c>), decompressing gzip transparently.</summary>
internal static class InputOpener
{
    /// <summary>Opens <paramref name="path"/> for reading; never writes to it.</summary>
    public static Stream Open(string path)
    {
        Stream raw = path == "-"
            ? Console.OpenStandardInput(1 << 16)
            : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var buffered = raw.CanSeek ? raw : new BufferedStream(raw, 1 << 16);
        return IsGzip(buffered, out var prefixed) ? new GZipStream(prefixed, CompressionMode.Decompress) : prefixed;
    }

    /// <summary>Reads a whole (possibly gzipped) file as bytes, bounded by <paramref name="maxBytes"/>.</summary>
    public static byte[] ReadAll(string path, long maxBytes = 512L << 20)
    {
        using var s = Open(path);
        using var ms = new MemoryStream();
        var buf = new byte[1 << 16];
        int n;
        while ((n = s.Read(buf)) > 0)
        {
            if (ms.Length + n > maxBytes) throw new InvalidDataException($"{path}: larger than {maxBytes} bytes");
            ms.Write(buf, 0, n);
        }
        return ms.ToArray();
    }

    private static bool IsGzip(Stream s, out Stream prefixed)
    {
        if (s.CanSeek)
        {
            var pos = s.Position;
            Span<byte> m = stackalloc byte[2];
            var n = s.ReadAtLeast(m, 2, throwOnEndOfStream: false);
            s.Position = pos;
            prefixed = s;
            return n == 2 && m[0] == 0x1f && m[1] == 0x8b;
        }
        var head = new byte[2];
        var got = s.ReadAtLeast(head, 2, throwOnEndOfStream: false);
        prefixed = new Tern.Schema.PrefixedReadStream(head, got, s);
        return got == 2 && head[0] == 0x1f && head[1] == 0x8b;
    }
}
