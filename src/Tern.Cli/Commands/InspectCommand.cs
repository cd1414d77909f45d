using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Spectre.Console;
using Tern.Cli.Input;
using Tern.Cli.Reports;
using Tern.Decode;
using Tern.Schema;
using Tern.Wire;

namespace Tern.Cli.Commands;

/// <summary><c>tern inspect FILE</c>: what analyze-migration.py does, streaming.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "Migration stream file (gzip is read transparently), or - for standard input." };
        var json = new Option<bool>("--json") { Description = "Print the decoded device state as JSON (the layout of analyze-migration.py -d state)." };
        var summaryJson = new Option<bool>("--summary-json") { Description = "Print the summary (sections, RAM blocks) as JSON." };
        var desc = new Option<bool>("--desc") { Description = "Print the stream's vmdesc JSON (analyze-migration.py -d desc)." };
        var extract = new Option<string?>("--extract") { Description = "Write each RAM block to a file under this directory." };
        var roundtrip = new Option<bool>("--roundtrip") { Description = "Re-encode what was read and verify it is byte-identical to the input." };
        var schema = new Option<string?>("--schema") { Description = "A -dump-vmstate JSON (or another stream) to frame and decode device sections the stream's own vmdesc does not describe." };
        var cmd = new Command("inspect", "Read a QEMU migration stream: summary, decoded state, vmdesc, RAM extraction, lossless round trip.")
        {
            file, json, summaryJson, desc, extract, roundtrip, schema,
        };
        cmd.SetAction(r =>
        {
            var modes = new[] { r.GetValue(json), r.GetValue(summaryJson), r.GetValue(desc), r.GetValue(extract) is not null, r.GetValue(roundtrip) }.Count(b => b);
            if (modes > 1) throw new UsageException("choose one of --json, --summary-json, --desc, --extract, --roundtrip");
            var path = r.GetValue(file)!;
            var framer = r.GetValue(schema) is { } schemaPath
                ? new SchemaBodyFramer(SchemaLoader.Load(InputOpener.ReadAll(schemaPath), schemaPath))
                : null;
            if (r.GetValue(roundtrip)) return RoundTrip(path, framer);
            if (r.GetValue(desc)) return Desc(path);
            if (r.GetValue(extract) is { } dir) return Extract(path, dir, framer);
            if (r.GetValue(json)) return State(path, framer);
            return Summary(path, r.GetValue(summaryJson), framer);
        });
        return cmd;
    }

    private static MigrationStreamReader Open(string path, SchemaBodyFramer? framer = null) =>
        new(InputOpener.Open(path), framer is null ? null : new MigrationStreamReaderOptions { Framer = framer });

    private static int Summary(string path, bool asJson, SchemaBodyFramer? framer)
    {
        using var reader = Open(path, framer);
        var summary = WithProgress(path, report => StreamSummarizer.Summarize(reader, report));
        using var stdout = Console.OpenStandardOutput();
        if (asJson) SummaryJson.Write(stdout, summary);
        else SummaryText.Write(Consoles.Stdout, path, summary);
        return ExitCodes.Ok;
    }

    private static int State(string path, SchemaBodyFramer? framer)
    {
        using var reader = Open(path, framer);
        using var stdout = new BufferedStream(Console.OpenStandardOutput(), 1 << 16);
        using (var state = new StateJsonWriter(stdout))
        {
            WithProgress(path, report =>
            {
                state.WriteAll(reader, framer, report);
                return 0;
            });
        }
        stdout.WriteByte((byte)'\n');
        return ExitCodes.Ok;
    }

    private static int Desc(string path)
    {
        using var reader = Open(path);
        while (reader.Read())
        {
            if (reader.Kind != MigrationRecordKind.VmDescription) continue;
            using var doc = JsonDocument.Parse(reader.GetPayload().ToArray());
            using var stdout = Console.OpenStandardOutput();
            using (var j = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, IndentSize = 4, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                doc.WriteTo(j);
            }
            stdout.WriteByte((byte)'\n');
            return ExitCodes.Ok;
        }
        Console.Error.WriteLine($"tern: {path}: the stream has no vmdesc trailer (postcopy, suppress-vmdesc or Xen streams do not carry one)");
        return ExitCodes.Unreadable;
    }

    private static int Extract(string path, string dir, SchemaBodyFramer? framer)
    {
        using var reader = Open(path, framer);
        using var extractor = new RamExtractor(dir);
        byte[]? vmdesc = null;
        WithProgress(path, report =>
        {
            while (reader.Read())
            {
                switch (reader.Kind)
                {
                    case MigrationRecordKind.RamMemSize: extractor.Begin(reader.RamBlocks); break;
                    case MigrationRecordKind.RamZero:
                    case MigrationRecordKind.RamPage:
                    case MigrationRecordKind.RamXbzrle:
                    case MigrationRecordKind.RamCompressedPage:
                        extractor.Apply(reader);
                        break;
                    case MigrationRecordKind.VmDescription: vmdesc = reader.GetPayload().ToArray(); break;
                }
            }
            return 0;
        });
        if (vmdesc is not null)
        {
            var descPath = Path.Combine(Path.GetFullPath(dir), "desc.json");
            File.WriteAllBytes(descPath, vmdesc);
            extractor.Written.Add(descPath);
        }
        foreach (var f in extractor.Written) Console.WriteLine(f);
        return ExitCodes.Ok;
    }

    private static int RoundTrip(string path, SchemaBodyFramer? framer)
    {
        using var recording = new RecordingStream(InputOpener.Open(path));
        using var reader = new MigrationStreamReader(recording, framer is null ? null : new MigrationStreamReaderOptions { Framer = framer });
        using var verify = new VerifyingStream(recording);
        using var writer = new MigrationStreamWriter(verify, leaveOpen: true);
        string? sectionAtDifference = null;
        long records = 0;
        while (reader.Read())
        {
            var section = reader.Section.IdStr is null ? "(top level)" : reader.Section.DisplayName;
            var kind = reader.Kind;
            writer.CopyRecord(reader);
            records++;
            if (verify.FirstDifference is long at)
            {
                sectionAtDifference = $"{section}, {kind} record";
                Console.Error.WriteLine($"tern: round trip differs at offset {at} (0x{at:x}) in {sectionAtDifference}");
                return ExitCodes.Findings;
            }
        }
        if (recording.Uncompared > 0)
        {
            Console.Error.WriteLine($"tern: round trip lost {recording.Uncompared} trailing byte(s) at offset {recording.ComparedUpTo}");
            return ExitCodes.Findings;
        }
        Console.WriteLine($"round trip identical: {recording.ComparedUpTo} bytes, {records} records");
        return ExitCodes.Ok;
    }

    private static T WithProgress<T>(string path, Func<Action<long>, T> work)
    {
        // Progress only for large regular files, on an interactive stderr.
        long length = path == "-" || !File.Exists(path) ? 0 : new FileInfo(path).Length;
        if (length < (256L << 20) || Console.IsErrorRedirected) return work(_ => { });
        var err = Consoles.Stderr();
        T result = default!;
        err.Progress().Start(ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(Path.GetFileName(path)), maxValue: 100);
            result = work(pos => task.Value = Math.Min(100, pos * 100.0 / length));
            task.Value = 100;
        });
        return result;
    }
}
