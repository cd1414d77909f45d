using System.Text;
using System.Text.Json;

namespace Tern.Schema;

/// <summary>
/// Finds where a malformed JSON document goes wrong, as a JSON path plus line and column, by re-reading it token by
/// token (only called after a parse failed, so the fast path reads the document once).
/// </summary>
internal static class JsonErrorLocator
{
    private sealed class Frame(string segment, bool isArray)
    {
        public string Segment { get; } = segment;
        public bool IsArray { get; } = isArray;
        public int NextIndex { get; set; }
    }

    /// <summary>Builds the exception for a document that failed to parse.</summary>
    public static SchemaException Describe(string origin, ReadOnlySpan<byte> utf8, JsonException error)
    {
        if (utf8.IsEmpty) return new SchemaException(origin, null, "the file is empty", error);
        var where = error.LineNumber is long line
            ? $"line {line + 1}, column {(error.BytePositionInLine ?? 0) + 1}"
            : "an unknown position";
        return new SchemaException(origin, PathAtFailure(utf8), $"invalid JSON at {where}: {FirstSentence(error.Message)}", error);
    }

    private static string PathAtFailure(ReadOnlySpan<byte> utf8)
    {
        var frames = new List<Frame>();
        string? pendingProperty = null;
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 1024 });
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pendingProperty = PropertyName(ref reader);
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        frames.Add(new Frame(ChildSegment(frames, pendingProperty), reader.TokenType == JsonTokenType.StartArray));
                        pendingProperty = null;
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        frames.RemoveAt(frames.Count - 1);
                        ValueDone(frames);
                        pendingProperty = null;
                        break;
                    default:
                        ValueDone(frames);
                        pendingProperty = null;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // The reader stopped where the document breaks; the open containers are the path.
        }
        var sb = new StringBuilder("$");
        foreach (var f in frames) sb.Append(f.Segment);
        sb.Append(ChildSegment(frames, pendingProperty));
        return sb.ToString();
    }

    // The name for the path only: invalid UTF-8 (which GetString refuses) is shown with replacement characters.
    private static string PropertyName(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        }
    }

    private static string ChildSegment(List<Frame> frames, string? property)
    {
        if (frames.Count == 0) return "";
        if (frames[^1].IsArray) return $"[{frames[^1].NextIndex}]";
        return property is null ? "" : Property(property);
    }

    private static void ValueDone(List<Frame> frames)
    {
        if (frames.Count > 0 && frames[^1].IsArray) frames[^1].NextIndex++;
    }

    /// <summary>A JSON path segment for a property: <c>.name</c>, or <c>["odd name"]</c>.</summary>
    internal static string Property(string name) =>
        IsIdentifier(name) ? "." + name : "[\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"]";

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
