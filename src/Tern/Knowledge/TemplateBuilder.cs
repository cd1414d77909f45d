using System.IO.Compression;
using System.Text.Json;

namespace Tern.Knowledge;

/// <summary>
/// Builds the template set from real streams and the record of how they were made (an outcomes.jsonl as in
/// tests/fixtures: a stream is written by the hop's <c>source</c>). Used by <c>tern knowledge build-templates</c>.
/// </summary>
public static class TemplateBuilder
{
    /// <summary>Writes <c>index.json</c> and one gzip template per stream into <paramref name="outputDirectory"/>; returns the count.</summary>
    public static int Build(string outcomesJsonl, string streamsDirectory, string outputDirectory, string origin)
    {
        Directory.CreateDirectory(outputDirectory);
        var entries = new List<(string File, string Qemu, List<string> Args, string Origin)>();
        var indexPath = Path.Combine(outputDirectory, "index.json");
        if (File.Exists(indexPath))
        {
            // Keep templates made from other sources (fixtures, lab runs); entries for the same file are replaced.
            using var existing = JsonDocument.Parse(File.ReadAllBytes(indexPath));
            foreach (var t in existing.RootElement.EnumerateArray())
                entries.Add((t.GetProperty("file").GetString()!, t.GetProperty("qemu").GetString()!,
                    t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList(), t.GetProperty("origin").GetString()!));
        }
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
            entries.Add((name, source.GetProperty("qemu").GetString()!, args, $"{origin}/{file}"));
            added++;
        }
        using var index = File.Create(indexPath);
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
            w.WriteEndObject();
        }
        w.WriteEndArray();
        return added;
    }
}
