using System.IO.Compression;
using System.Text.Json;

namespace Tern.Knowledge;

/// <summary>
/// Builds the template set from real streams and the record of how they were made (an outcomes.jsonl as in
/// tests/fixtures: a stream is written by the hop's <c>source</c>). Used by <c>tern knowledge build-templates</c>
/// and <c>tern knowledge reindex</c>.
/// </summary>
public static class TemplateBuilder
{
    private sealed record Entry(string File, string Qemu, List<string> Args, string Origin);

    /// <summary>Writes <c>index.json</c> and one gzip template per stream into <paramref name="outputDirectory"/>; returns the count.</summary>
    public static int Build(string outcomesJsonl, string streamsDirectory, string outputDirectory, string origin)
    {
        Directory.CreateDirectory(outputDirectory);
        var entries = ReadIndex(outputDirectory);
        var added = 0;
        foreach (var line in File.ReadLines(outcomesJsonl))
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            if (!r.TryGetProperty("stream", out var st) || st.ValueKind != JsonValueKind.String) continue;
            var file = st.GetString()!;
            var source = r.GetProperty("source");
            var args = source.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
            var name = file.Replace(".stream.gz", ".template.gz", StringComparison.Ordinal);
            using (var input = new GZipStream(File.OpenRead(Path.Combine(streamsDirectory, file)), CompressionMode.Decompress))
            using (var output = new GZipStream(File.Create(Path.Combine(outputDirectory, name)), CompressionLevel.SmallestSize))
            {
                StreamTrimmer.DropRamPages(input, output);
            }
            entries.RemoveAll(e => e.File == name);
            entries.Add(new Entry(name, source.GetProperty("qemu").GetString()!, args, $"{origin}/{file}"));
            added++;
        }
        WriteIndex(outputDirectory, entries);
        return added;
    }

    /// <summary>Rewrites <c>index.json</c> of <paramref name="directory"/>, recomputing what it derives from the templates; returns the count.</summary>
    public static int Reindex(string directory)
    {
        var entries = ReadIndex(directory);
        WriteIndex(directory, entries);
        return entries.Count;
    }

    private static List<Entry> ReadIndex(string directory)
    {
        var entries = new List<Entry>();
        var indexPath = Path.Combine(directory, "index.json");
        if (!File.Exists(indexPath)) return entries;
        // Keep templates made from other sources (fixtures, lab runs); entries for the same file are replaced.
        using var existing = JsonDocument.Parse(File.ReadAllBytes(indexPath));
        foreach (var t in existing.RootElement.EnumerateArray())
            entries.Add(new Entry(t.GetProperty("file").GetString()!, t.GetProperty("qemu").GetString()!,
                t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList(), t.GetProperty("origin").GetString()!));
        return entries;
    }

    private static void WriteIndex(string directory, List<Entry> entries)
    {
        using var index = File.Create(Path.Combine(directory, "index.json"));
        using var w = new Utf8JsonWriter(index, new JsonWriterOptions { Indented = true });
        w.WriteStartArray();
        foreach (var e in entries.OrderBy(e => e.File, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("file", e.File);
            w.WriteString("qemu", e.Qemu);
            w.WriteStartArray("args");
            foreach (var a in e.Args) w.WriteStringValue(a);
            w.WriteEndArray();
            w.WriteString("origin", e.Origin);
            w.WriteStartObject("subsections");
            foreach (var (name, version) in TemplateSubsections.Collect(StreamTemplate.ReadVmDescription(ReadTemplate(directory, e.File), e.File)))
                w.WriteNumber(name, version);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static byte[] ReadTemplate(string directory, string file) => StreamTemplate.Gunzip(File.OpenRead(Path.Combine(directory, file)));
}
