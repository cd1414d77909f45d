using System.Diagnostics;
using System.Globalization;
using System.Text;
using Tern.Lab.Migration;
using Tern.Lab.Predictions;
using Tern.Platforms;

namespace Tern.Lab.Matrix;

/// <summary>Runs matrix cells against real QEMU, in parallel, predicting each, storing each as soon as it ends.</summary>
public static class MatrixRunner
{
    /// <summary>Runs <paramref name="cells"/> (skipping those the store already holds).</summary>
    public static async Task<MatrixRunSummary> RunAsync(IReadOnlyList<MatrixCell> cells, MatrixRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(options);
        var wall = Stopwatch.StartNew();
        var done = options.Store?.DoneIds() ?? new HashSet<string>();
        var todo = cells.Where(c => !done.Contains(c.Id)).ToList();
        var records = new List<MatrixRecord>();
        var jobs = Math.Max(1, options.Jobs);
        await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = jobs, CancellationToken = cancellationToken }, async (cell, ct) =>
        {
            options.CellStarted?.Invoke(cell);
            MatrixRecord record;
            try
            {
                record = await RunCellAsync(cell, options, ct).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // one cell's unexpected failure becomes its lab error; the other cells still run
            catch (Exception e) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                record = ErrorRecord(cell, $"{e.GetType().Name}: {e.Message}");
            }
            options.Store?.Save(record);
            lock (records) records.Add(record);
            options.CellFinished?.Invoke(record);
        }).ConfigureAwait(false);
        return new MatrixRunSummary(MatrixRecordOrder.Sort(records), cells.Count - todo.Count, wall.Elapsed.TotalMilliseconds, jobs);
    }

    /// <summary>Runs one cell: the migration(s), the prediction, the comparison.</summary>
    public static async Task<MatrixRecord> RunCellAsync(MatrixCell cell, MatrixRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(options);
        var wall = Stopwatch.StartNew();
        var streamDir = options.KeepStreamsDirectory ?? Processes.LabProcessRegistry.CreateOwnedTempDirectory("cell").FullName;
        try
        {
            var run = await MigrationRun.RunAsync(cell.Source, cell.Destination, new MigrationRunOptions
            {
                LabDir = options.LabDir,
                Installations = options.Installations,
                Arch = cell.Arch,
                Transport = cell.Transport,
                BackHop = cell.BackHop,
                KeepStreamDirectory = streamDir,
                StreamName = StreamName(cell),
            }, cancellationToken).ConfigureAwait(false);

            var predictWatch = Stopwatch.StartNew();
            Prediction prediction;
            try
            {
                var src = HostSpecParser.FromArguments(cell.Source.Qemu, cell.Source.Args);
                var dst = HostSpecParser.FromArguments(cell.Destination.Qemu, cell.Destination.Args);
                prediction = options.Predictor.Predict(src, dst, run.Forward.StreamPath);
            }
#pragma warning disable CA1031 // a predictor bug must not lose the real QEMU result
            catch (Exception e)
#pragma warning restore CA1031
            {
                prediction = Prediction.Undecidable($"the predictor failed: {e.GetType().Name}: {e.Message}");
            }
            var predictMs = predictWatch.Elapsed.TotalMilliseconds;

            var fwd = run.Forward;
            var expected = options.Expectations?.Expected(cell.Source, cell.Destination, "forward");
            var expectedBack = run.Back is null ? null : options.Expectations?.Expected(cell.Destination, cell.Source, "back");
            var regression = (expected is not null && fwd.Outcome.IsVerdict() && expected != fwd.Outcome.ToName())
                || (expectedBack is not null && run.Back is not null && run.Back.Outcome.IsVerdict() && expectedBack != run.Back.Outcome.ToName());
            return Identify(cell, fwd.Outcome) with
            {
                Exit = fwd.Exit,
                Signal = fwd.Signal,
                Stderr = fwd.Stderr,
                SourceStderr = fwd.SourceStderr,
                ErrorDescription = fwd.ErrorDescription,
                LabError = fwd.LabError ?? run.Back?.LabError,
                StreamBytes = fwd.StreamBytes,
                StreamPath = options.KeepStreamsDirectory is null ? null : fwd.StreamPath,
                BackOutcome = run.Back?.Outcome.ToName(),
                BackExit = run.Back?.Exit,
                BackStderr = run.Back?.Stderr ?? [],
                ExpectedOutcome = expected,
                ExpectedBackOutcome = expectedBack,
                Regression = regression,
                PredictedVerdict = prediction.Verdict.ToName(),
                PredictedErrors = prediction.QemuErrors,
                FindingCodes = prediction.FindingCodes,
                PredictionSummary = prediction.Summary,
                Agreement = AgreementRules.Compare(prediction.Verdict, fwd.Outcome).ToName(),
                WallMs = wall.Elapsed.TotalMilliseconds,
                QemuMs = run.Hops.Sum(h => h.Timings.QemuSpanMs),
                PredictMs = predictMs,
                FinishedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            };
        }
        finally
        {
            if (options.KeepStreamsDirectory is null)
            {
                try { Directory.Delete(streamDir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }

    /// <summary>The record of a cell whose run failed inside the lab (no verdict about QEMU): outcome <c>error</c>.</summary>
    public static MatrixRecord ErrorRecord(MatrixCell cell, string labError)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return Identify(cell, MigrationOutcome.Error) with
        {
            LabError = labError,
            PredictedVerdict = PredictionVerdict.Undecidable.ToName(),
            Agreement = Agreement.Unpredicted.ToName(),
            FinishedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
    }

    // What every record of a cell says about the cell itself, whatever happened to it.
    private static MatrixRecord Identify(MatrixCell cell, MigrationOutcome outcome) => new()
    {
        CellId = cell.Id,
        Key = cell.Key,
        Arch = cell.Arch,
        Machine = cell.Machine,
        Cpu = cell.CpuLabel,
        Variant = cell.Variant,
        Transport = cell.Transport == MigrationTransport.File ? "file" : "unix",
        SourceQemu = cell.Source.Qemu,
        SourceArgs = cell.Source.Args,
        DestinationQemu = cell.Destination.Qemu,
        DestinationArgs = cell.Destination.Args,
        Outcome = outcome.ToName(),
    };

    /// <summary>The one-line description of a cell in error messages: <c>pseries-7.2 (default) default 7.2 → 10.0.13</c>.</summary>
    public static string Describe(MatrixRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{record.Machine} {record.Cpu} {record.Variant} {record.SourceQemu} → {record.DestinationQemu}";
    }

    /// <summary>A file-name-safe name for a cell's streams: <c>5.2-to-7.2-pseries-5.2-default-default-&lt;id&gt;</c>.</summary>
    public static string StreamName(MatrixCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var raw = $"{cell.Source.Qemu}-to-{cell.Destination.Qemu}-{cell.Machine}-{cell.Cpu ?? "default"}-{cell.Variant}-{cell.Id[..8]}";
        var sb = new StringBuilder(raw.Length);
        foreach (var ch in raw) sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_');
        return sb.ToString();
    }
}
