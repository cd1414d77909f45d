using System.Text.Json;
using Tern.Wire;

namespace Tern.Cli.Reports;

/// <summary>Writes a <see cref="StreamSummary"/> as JSON (<c>tern inspect --summary-json</c>).</summary>
internal static class SummaryJson
{
    public static void Write(Stream output, StreamSummary s)
    {
        using var j = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        j.WriteStartObject();
        j.WriteNumber("streamVersion", s.StreamVersion);
        j.WriteString("machine", s.Configuration?.MachineName);
        j.WriteNumber("pageSize", s.PageSize);
        j.WriteNumber("totalBytes", s.TotalBytes);
        j.WriteBoolean("footers", s.HasFooters);
        j.WriteBoolean("vmdesc", s.HasVmDescription);
        j.WriteStartArray("capabilities");
        foreach (var c in s.Configuration?.Capabilities ?? []) j.WriteStringValue(c);
        j.WriteEndArray();
        j.WriteStartArray("ramBlocks");
        foreach (var b in s.RamBlocks)
        {
            j.WriteStartObject();
            j.WriteString("name", b.Name);
            j.WriteNumber("usedLength", b.UsedLength);
            j.WriteNumber("zeroPages", b.ZeroPages);
            j.WriteNumber("normalPages", b.NormalPages);
            j.WriteNumber("xbzrlePages", b.XbzrlePages);
            j.WriteNumber("compressedPages", b.CompressedPages);
            j.WriteNumber("streamBytes", b.StreamBytes);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteStartArray("sections");
        foreach (var sec in s.Sections)
        {
            j.WriteStartObject();
            j.WriteNumber("sectionId", sec.Header.SectionId);
            j.WriteString("idstr", sec.Header.IdStr);
            j.WriteNumber("instanceId", sec.Header.InstanceId);
            j.WriteNumber("versionId", sec.Header.VersionId);
            j.WriteString("kind", sec.Header.Type == SectionType.Full ? "full" : "iterative");
            j.WriteNumber("parts", sec.Parts);
            j.WriteNumber("bytes", sec.Bytes);
            j.WriteStartArray("subsections");
            foreach (var n in sec.Subsections) j.WriteStringValue(n);
            j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }
}
