using System.CommandLine;
using Spectre.Console;
using Tern.Cli.Reports;
using Tern.Lab;
using Tern.Lab.Installation;
using Tern.Lab.Matrix;
using Tern.Lab.Migration;
using Tern.Lab.Predictions;
using Tern.Predict;

namespace Tern.Cli.Commands;

/// <summary>
/// <c>tern matrix [CONFIG.yaml] [--qemu A,B --machine M --cpu C --both-ways] [--db FILE] [--json] [--junit FILE] [--html FILE] [--shard K/N]</c>
/// and <c>tern matrix merge DB... --out DB</c>: run migrations between real QEMU versions, compare with Tern's prediction, report.
/// </summary>
internal static class MatrixCommand
{
    public static Command Create()
    {
        var config = new Argument<string?>("config") { Description = "Matrix YAML (docs/lab.md). Without it, the matrix comes from --qemu/--machine/--cpu.", Arity = ArgumentArity.ZeroOrOne };
        var qemu = new Option<string?>("--qemu") { Description = "Comma-separated version labels, e.g. 7.2,10.0.13." };
        var machine = new Option<string?>("--machine") { Description = "Comma-separated machine types, e.g. pseries-7.2." };
        var cpu = new Option<string?>("--cpu") { Description = "Comma-separated CPU models (default: the machine's default CPU)." };
        var arch = new Option<string?>("--arch") { Description = "ppc64 or aarch64 (default: from the machine type)." };
        var bothWays = new Option<bool>("--both-ways") { Description = "Also migrate newer → older (default: older → newer only)." };
        var same = new Option<bool>("--same") { Description = "Also migrate each version to itself." };
        var backHop = new Option<bool>("--back-hop") { Description = "After a successful hop, migrate back into a fresh source-version process." };
        var transport = new Option<string>("--transport") { Description = "file (exec:cat, as the fixtures) or unix.", DefaultValueFactory = _ => "file" };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Cells run in parallel (default: the core count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var db = new Option<string?>("--db") { Description = "SQLite result store; a rerun skips the cells already in it." };
        var shard = new Option<string?>("--shard") { Description = "Run only slice K of N (K/N), for CI; combine with 'tern matrix merge'." };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on standard output." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML here (a disagreement or a regression is a failure)." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report here." };
        var expect = new Option<string?>("--expect") { Description = "outcomes.jsonl with expected outcomes: a differing outcome is a regression." };
        var keepStreams = new Option<string?>("--keep-streams") { Description = "Keep every migration stream in this directory." };
        var labDir = new Option<string?>("--lab-dir") { Description = "The QEMU lab directory (default: $TERN_LAB_DIR or ~/.cache/tern/lab)." };
        var noProgress = new Option<bool>("--no-progress") { Description = "No progress bar on standard error." };
        var predictor = new Option<string>("--predictor")
        {
            Description = "Tern's prediction per cell: tern (from the two configurations), stream (from the real source stream), none.",
            DefaultValueFactory = _ => "tern",
        };

        var cmd = new Command("matrix", "Migrate between real QEMU versions (lab) cell by cell, compare with Tern's prediction, and report.")
        {
            config, qemu, machine, cpu, arch, bothWays, same, backHop, transport, jobs, db, shard, json, junit, html, expect, keepStreams, labDir, noProgress, predictor,
        };
        var knowledge = new KnowledgeOptions();
        knowledge.AddTo(cmd);
        cmd.Subcommands.Add(CreateMerge());
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            var cfg = BuildConfig(r.GetValue(config), r.GetValue(qemu), r.GetValue(machine), r.GetValue(cpu), r.GetValue(arch),
                r.GetValue(bothWays), r.GetValue(same), r.GetValue(backHop), r.GetValue(transport)!);
            var cells = MatrixPlanner.Plan(cfg);
            if (r.GetValue(shard) is { } sh)
            {
                try { cells = ShardSpec.Parse(sh).Select(cells); }
                catch (FormatException e) { throw new UsageException(e.Message); }
            }
            var lab = LabDirectory.Resolve(r.GetValue(labDir));
            foreach (var v in cells.SelectMany(c => new[] { c.Source.Qemu, c.Destination.Qemu }).Distinct())
            {
                try { QemuInstallation.Find(lab, v); }
                catch (LabException e) { Console.Error.WriteLine($"tern: {e.Message}"); return ExitCodes.Unreadable; }
            }
            if (r.GetValue(jobs) < 1) throw new UsageException("--jobs must be at least 1");

            using var store = r.GetValue(db) is { } dbPath ? ResultStore.Open(dbPath) : null;
            var options = new MatrixRunOptions
            {
                LabDir = lab,
                Jobs = r.GetValue(jobs),
                Predictor = CreatePredictor(r.GetValue(predictor)!, knowledge.Build(r)),
                Expectations = r.GetValue(expect) is { } ex ? ExpectationSet.Load(ex) : null,
                Store = store,
                KeepStreamsDirectory = r.GetValue(keepStreams),
            };
            var summary = await RunWithProgressAsync(cells, options, !r.GetValue(noProgress), ct).ConfigureAwait(false);
            // Report every cell of this matrix: those run now and those the store already held.
            var ids = cells.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            var records = store is null ? summary.Records : store.LoadAll().Where(x => ids.Contains(x.CellId)).ToList();
            return Report(records, summary, r.GetValue(json), r.GetValue(junit), r.GetValue(html));
        }));
        return cmd;
    }

    private static Command CreateMerge()
    {
        var dbs = new Argument<string[]>("db") { Description = "Result databases to merge (e.g. one per shard).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "The merged database (created or updated).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the merged results as JSON." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML of the merged results." };
        var html = new Option<string?>("--html") { Description = "Write the HTML report of the merged results." };
        var merge = new Command("merge", "Merge result databases (e.g. from --shard runs) into one, and report on it.") { dbs, output, json, junit, html };
        merge.SetAction(r => LabErrors.Guard(() =>
        {
            using var store = ResultStore.Open(r.GetValue(output)!);
            var n = 0;
            foreach (var path in r.GetValue(dbs)!)
            {
                if (Path.GetFullPath(path) == Path.GetFullPath(store.Path)) continue;
                n += store.MergeFrom(path);
            }
            Console.Error.WriteLine($"merged {n} cells into {store.Path} ({store.Count} cells in total)");
            return Report(store.LoadAll(), null, r.GetValue(json), r.GetValue(junit), r.GetValue(html));
        }));
        return merge;
    }

    internal static IMigrationPredictor CreatePredictor(string name, Knowledge.KnowledgeBase? knowledge = null) => name switch
    {
        "tern" => new TernPredictor(factory: () => new Predictor(knowledge)),
        "stream" => new TernPredictor(useRealStream: true, factory: () => new Predictor(knowledge)),
        "none" or "null" => NullPredictor.Instance,
        _ => throw new UsageException($"--predictor must be tern, stream or none, not '{name}'"),
    };

    internal static MatrixConfig BuildConfig(string? configPath, string? qemu, string? machine, string? cpu, string? arch, bool bothWays, bool same, bool backHop, string transport)
    {
        MigrationTransport ParseTransport() => transport switch
        {
            "file" => MigrationTransport.File,
            "unix" => MigrationTransport.Unix,
            _ => throw new UsageException($"--transport must be file or unix, not '{transport}'"),
        };
        if (configPath is not null)
        {
            if (qemu is not null || machine is not null || cpu is not null)
                throw new UsageException("give either a config file or --qemu/--machine/--cpu, not both");
            if (!File.Exists(configPath)) throw new UsageException($"no such matrix config: {configPath}");
            var loaded = MatrixConfigLoader.Load(configPath);
            return loaded with
            {
                Arch = arch ?? loaded.Arch,
                BackHop = loaded.BackHop || backHop,
                Transport = transport == "file" ? loaded.Transport : ParseTransport(),
            };
        }
        if (qemu is null || machine is null)
            throw new UsageException("give a matrix config file, or at least --qemu and --machine (e.g. --qemu 7.2,10.0.13 --machine pseries-7.2)");
        static List<string> Split(string? s) => s is null ? [] : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var directions = MatrixDirection.Forward | (bothWays ? MatrixDirection.Backward : MatrixDirection.None) | (same ? MatrixDirection.Same : MatrixDirection.None);
        var versions = Split(qemu);
        if (versions.Count == 1) directions |= MatrixDirection.Same;
        return new MatrixConfig
        {
            Arch = arch,
            Versions = versions,
            Machines = Split(machine),
            Cpus = Split(cpu),
            Directions = directions,
            BackHop = backHop,
            Transport = ParseTransport(),
        };
    }

    private static async Task<MatrixRunSummary> RunWithProgressAsync(IReadOnlyList<MatrixCell> cells, MatrixRunOptions options, bool progress, CancellationToken ct)
    {
        var stderr = Consoles.Stderr();
        if (!progress || Console.IsErrorRedirected)
        {
            var done = 0;
            var logged = options with
            {
                CellFinished = rec =>
                {
                    var n = Interlocked.Increment(ref done);
                    if (progress) Console.Error.WriteLine($"[{n}] {rec.Machine} {rec.Cpu} {rec.Variant} {rec.Pair}: {rec.Outcome}{(rec.BackOutcome is null ? "" : $" / back {rec.BackOutcome}")}");
                    if (LabErrorLine(rec) is { } line) Console.Error.WriteLine(line);
                },
            };
            return await MatrixRunner.RunAsync(cells, logged, ct).ConfigureAwait(false);
        }
        var errors = new List<string>();
        MatrixRunSummary? summary = null;
        await stderr.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var already = options.Store?.DoneIds() ?? new HashSet<string>();
                var skipped = cells.Count(c => already.Contains(c.Id));
                var task = ctx.AddTask($"matrix ({cells.Count} cells)", maxValue: Math.Max(1, cells.Count));
                task.Increment(skipped);
                var withProgress = options with
                {
                    CellFinished = rec =>
                    {
                        if (LabErrorLine(rec) is { } line) lock (errors) errors.Add(line);
                        task.Increment(1);
                        task.Description = Markup.Escape($"{rec.Pair} {rec.Machine}: {rec.Outcome}");
                    },
                };
                summary = await MatrixRunner.RunAsync(cells, withProgress, ct).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.Description = $"matrix ({cells.Count} cells) done";
            }).ConfigureAwait(false);
        // Printed after the progress bar, which owns the terminal while it runs.
        foreach (var line in errors) Console.Error.WriteLine(line);
        return summary!;
    }

    /// <summary>One line for a cell the lab could not decide (outcome <c>error</c>), naming the cell: <c>tern: cell pseries-7.2 (default) default 7.2 → 7.2: ...</c>.</summary>
    internal static string? LabErrorLine(MatrixRecord record) =>
        record.Outcome == "error" || record.BackOutcome == "error"
            ? $"tern: cell {MatrixRunner.Describe(record)}{(record.Outcome == "error" ? "" : " (back hop)")}: {record.LabError ?? "lab error"}"
            : null;

    private static int Report(IReadOnlyList<MatrixRecord> records, MatrixRunSummary? summary, bool json, string? junit, string? html)
    {
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            MatrixJsonReport.Write(stdout, records, summary);
        }
        else
        {
            var console = Consoles.Stdout;
            // The table has six columns: a pipe gets 160 of them rather than Spectre.Console's 80.
            if (Console.IsOutputRedirected && console.Profile.Width < 160) console.Profile.Width = 160;
            MatrixTextReport.Write(console, records, summary);
        }
        if (junit is not null) MatrixJunitReport.Write(junit, records);
        if (html is not null) MatrixHtmlReport.Write(html, records);
        if (records.Any(r => r.Failed)) return ExitCodes.Findings;
        if (records.Any(r => r.Outcome == "error")) return ExitCodes.Unreadable;
        return ExitCodes.Ok;
    }
}
