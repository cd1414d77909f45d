using System.Buffers;
using System.Text;
using System.Text.Json;
using Tern.Cli.Input;
using Tern.Cli.Reports;
using Tern.Platforms;
using Tern.Predict;
using Tern.Wire;

namespace Tern.Cli.Batch;

/// <summary>
/// <c>tern check --batch FILE|-</c>: one JSON question per line in, one verdict per line out, in order, each the
/// JSON of <c>check --json</c> on one line. Identical questions are answered from a cache, and one
/// <see cref="Predictor"/> serves every line, so each configuration is resolved and simulated once per run.
/// A line that cannot be answered gets <c>{"line": N, "error": "…"}</c> and the batch goes on.
/// </summary>
internal sealed class BatchRunner
{
    /// <summary>The longest line read (a question is a few hundred bytes; a longer line is refused, not buffered).</summary>
    public const int MaxLineBytes = 1 << 20;
    private const int CachedAnswers = 8192;
    // Answers are ~5 KB each: the cache is bounded by their bytes too, so a batch of all-distinct questions (which the
    // cache never serves) does not hold 40 MB of them.
    private const long CachedAnswerBytes = 8L << 20;
    private long _answerBytes;

    private readonly Predictor _predictor;

    /// <summary>A runner over <paramref name="knowledge"/> (default: the embedded knowledge).</summary>
    public BatchRunner(Knowledge.KnowledgeBase? knowledge = null)
    {
        _predictor = new Predictor(knowledge);
        _writer = new Utf8JsonWriter(_buffer);
    }

    private readonly Dictionary<string, (byte[] Json, VerdictKind Kind)> _answers = new(StringComparer.Ordinal);
    // One writer over one growing buffer for every answer (each answer is copied out for the cache).
    private readonly ArrayBufferWriter<byte> _buffer = new(16 << 10);
    private readonly Utf8JsonWriter _writer;
    // A fleet's questions name the same few configurations over and over: each spec text is parsed once (a HostSpec is
    // immutable). Bounded as the answers are.
    private readonly Dictionary<(string Spec, string? Host), HostSpec> _specs = [];

    /// <summary>Answers every line of <paramref name="input"/>; exit 0 when all are compatible, 1 when some are incompatible, 3 when some are undecidable or unreadable.</summary>
    public int Run(Stream input, Stream output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        var reader = new BoundedLineReader(input, MaxLineBytes);
        var exit = ExitCodes.Ok;
        long lineNumber = 0;
        while (reader.TryReadLine(out var line, out var tooLong))
        {
            lineNumber++;
            if (!tooLong && line.Trim(" \t"u8).IsEmpty) continue;
            var (json, kind) = tooLong ? (Error(lineNumber, $"line longer than {MaxLineBytes} bytes"), VerdictKind.Undecidable) : Answer(line, lineNumber);
            output.Write(json);
            exit = Math.Max(exit, kind switch
            {
                VerdictKind.Compatible => ExitCodes.Ok,
                VerdictKind.Incompatible => ExitCodes.Findings,
                _ => ExitCodes.Unreadable,
            });
            // Interactive callers wait for each answer before sending the next question.
            if (reader.NeedsInput) output.Flush();
        }
        output.Flush();
        return exit;
    }

    private (byte[] Json, VerdictKind Kind) Answer(ReadOnlySpan<byte> line, long lineNumber)
    {
        BatchQuestion? q;
        try
        {
            q = JsonSerializer.Deserialize(line, BatchJsonContext.Default.BatchQuestion);
        }
        catch (JsonException e)
        {
            return (Error(lineNumber, $"not a question: {e.Message}"), VerdictKind.Undecidable);
        }
        if (q is null) return (Error(lineNumber, "not a question: null"), VerdictKind.Undecidable);
        var key = q.Key;
        if (_answers.TryGetValue(key, out var cached)) return cached;
        var answer = Predict(q, lineNumber);
        if (_answers.Count >= CachedAnswers || _answerBytes + answer.Json.Length > CachedAnswerBytes)
        {
            _answers.Clear();
            _answerBytes = 0;
        }
        _answers[key] = answer;
        _answerBytes += answer.Json.Length;
        return answer;
    }

    private (byte[] Json, VerdictKind Kind) Predict(BatchQuestion q, long lineNumber)
    {
        if (q.Destination is null) return (Error(lineNumber, "\"destination\" is required"), VerdictKind.Undecidable);
        if ((q.Source is null) == (q.Stream is null)) return (Error(lineNumber, "give exactly one of \"source\" or \"stream\""), VerdictKind.Undecidable);
        if (q.Stream == "-") return (Error(lineNumber, "\"stream\" cannot be standard input in a batch"), VerdictKind.Undecidable);
        HostSpec destination, source;
        try
        {
            destination = Spec(q.Destination, q.DestinationHost);
            source = q.Source is null ? destination : Spec(q.Source, q.SourceHost);
        }
        catch (FormatException e)
        {
            return (Error(lineNumber, e.Message), VerdictKind.Undecidable);
        }
        Verdict verdict;
        try
        {
            if (q.Stream is not null)
            {
                using var stream = InputOpener.Open(q.Stream);
                verdict = _predictor.PredictStream(stream, destination);
            }
            else
            {
                verdict = _predictor.Predict(source, destination);
            }
        }
        catch (MigrationStreamException e)
        {
            return (Error(lineNumber, $"cannot read the migration stream {e.Message}"), VerdictKind.Undecidable);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return (Error(lineNumber, $"{q.Stream}: {e.Message}"), VerdictKind.Undecidable);
        }
        _buffer.ResetWrittenCount();
        _writer.Reset();
        VerdictJson.Write(_writer, verdict, q.Source is null ? null : source, destination, q.Stream);
        _buffer.Write("\n"u8);
        return (_buffer.WrittenSpan.ToArray(), verdict.Kind);
    }

    private HostSpec Spec(string text, string? hostFacts)
    {
        if (_specs.TryGetValue((text, hostFacts), out var spec)) return spec;
        spec = HostSpecParser.Parse(text, hostFacts);
        if (_specs.Count >= CachedAnswers) _specs.Clear();
        _specs[(text, hostFacts)] = spec;
        return spec;
    }

    private static byte[] Error(long lineNumber, string message)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms))
        {
            j.WriteStartObject();
            j.WriteNumber("line", lineNumber);
            j.WriteString("verdict", "undecidable");
            j.WriteString("error", message);
            j.WriteEndObject();
        }
        ms.WriteByte((byte)'\n');
        return ms.ToArray();
    }
}
