using System.IO.Compression;
using System.Text;
using Tern.Decode;
using Tern.Wire;

namespace Tern.Cli.Commands;

/// <summary>
/// Writes each RAM block to a sparse file under a directory (like analyze-migration.py -x). Block names
/// come from the stream, so each path component is sanitised and the result is checked to stay inside the directory.
/// </summary>
internal sealed class RamExtractor(string directory) : IDisposable
{
    private readonly string _root = Path.GetFullPath(directory);
    private readonly Dictionary<string, FileStream> _files = new(StringComparer.Ordinal);
    private readonly byte[] _page = new byte[1 << 16];

    public List<string> Written { get; } = [];

    public void Begin(IReadOnlyList<RamBlockInfo> blocks)
    {
        Directory.CreateDirectory(_root);
        foreach (var b in blocks)
        {
            if (_files.ContainsKey(b.Name)) continue;
            var path = SafePath(_root, b.Name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var f = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
            f.SetLength((long)b.UsedLength);
            _files[b.Name] = f;
            Written.Add(path);
        }
    }

    public void Apply(MigrationStreamReader reader)
    {
        var r = reader.Ram;
        if (r.BlockName is null || !_files.TryGetValue(r.BlockName, out var f))
            throw new MigrationStreamException(reader.RecordOffset, "ram", $"page for block '{r.BlockName}' that MEM_SIZE did not announce");
        var pageSize = reader.PageSize;
        if ((long)r.Offset + pageSize > f.Length)
            throw new MigrationStreamException(reader.RecordOffset, "ram", $"Illegal RAM offset {r.Offset:x} in block {r.BlockName}");
        f.Position = (long)r.Offset;
        var page = _page.AsSpan(0, pageSize);
        switch (reader.Kind)
        {
            case MigrationRecordKind.RamZero:
                page.Fill(r.FillByte);
                f.Write(page);
                break;
            case MigrationRecordKind.RamPage:
                f.Write(reader.GetPayload());
                break;
            case MigrationRecordKind.RamXbzrle:
                f.ReadExactly(page);
                Xbzrle.Apply(reader.GetPayload(), page);
                f.Position = (long)r.Offset;
                f.Write(page);
                break;
            case MigrationRecordKind.RamCompressedPage:
                using (var z = new ZLibStream(new MemoryStream(reader.GetPayload().ToArray()), CompressionMode.Decompress))
                {
                    z.ReadExactly(page);
                }
                f.Write(page);
                break;
        }
    }

    /// <summary>Maps a block name to a path under <paramref name="root"/>; throws if it would escape.</summary>
    public static string SafePath(string root, string blockName)
    {
        var parts = blockName.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Sanitise).ToList();
        if (parts.Count == 0) parts.Add("_");
        var path = Path.GetFullPath(Path.Combine([root, .. parts]));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
            throw new InvalidDataException($"RAM block name '{blockName}' would be written outside {root}");
        return path;
    }

    private static string Sanitise(string component)
    {
        if (component is "." or "..") return "_" + component;
        var sb = new StringBuilder(component.Length);
        foreach (var c in component) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or ':' or '+' or ',' ? c : '_');
        return sb.ToString();
    }

    public void Dispose()
    {
        foreach (var f in _files.Values) f.Dispose();
    }
}
