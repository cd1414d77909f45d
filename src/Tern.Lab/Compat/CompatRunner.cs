using System.Collections.Concurrent;
using System.Diagnostics;
using Tern.Lab.Installation;
using Tern.Lab.Matrix;
using Tern.Lab.Migration;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Compat;

/// <summary>
/// Runs <c>tern compat</c>: per machine type × CPU model, the static differences, Tern's prediction both ways (the
/// <see cref="Predictor"/> of <c>tern check</c>), and with <see cref="CompatOptions.Real"/> the real migrations
/// both ways through <see cref="MatrixRunner"/> (TCG, paused), cells in parallel.
/// </summary>
public static class CompatRunner
{
    /// <summary>Compares <paramref name="old"/> with <paramref name="new"/>.</summary>
    /// <exception cref="LabException">A real run was asked for a build that has no binary.</exception>
    public static async Task<CompatReport> RunAsync(CompatBuild old, CompatBuild @new, CompatOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Real)
        {
            foreach (var b in new[] { old, @new })
                if (b.Installation is null)
                    throw new LabException($"--real needs a runnable QEMU for {b.Label} ({b.Origin}): give a binary path or a lab label");
        }
        var statics = new StaticComparison(old.Profile, @new.Profile, options.Devices);
        var machines = options.Machines ?? CompatPlanner.CommonMachines(old.Profile, @new.Profile);
        var cpus = new string?[] { null }.Concat(options.Cpus).Distinct().ToList();
        var plan = machines.SelectMany(m => cpus.Select(c => (Machine: m, Cpu: c))).ToList();

        var predictWatch = Stopwatch.StartNew();
        var predictors = new ConcurrentBag<Predictor>();
        var cells = new CompatCell[plan.Count];
        Parallel.For(0, plan.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Jobs), CancellationToken = cancellationToken }, i =>
        {
            var (machine, cpu) = plan[i];
            var oldSide = MigrationSide.Create(old.Label, machine, cpu);
            var newSide = MigrationSide.Create(@new.Label, machine, cpu);
            var oldSpec = HostSpecParser.FromArguments(oldSide.Qemu, oldSide.Args);
            var newSpec = HostSpecParser.FromArguments(newSide.Qemu, newSide.Args);
            if (!predictors.TryTake(out var predictor)) predictor = new Predictor(options.Knowledge);
            try
            {
                cells[i] = new CompatCell
                {
                    Machine = machine,
                    Cpu = cpu,
                    OldSpec = oldSpec,
                    NewSpec = newSpec,
                    Forward = Guarded(() => predictor.Predict(oldSpec, newSpec)),
                    Backward = Guarded(() => predictor.Predict(newSpec, oldSpec)),
                    Facts = statics.MachineFacts(machine, cpu),
                };
            }
            finally
            {
                predictors.Add(predictor);
            }
        });
        var predictMs = predictWatch.Elapsed.TotalMilliseconds;

        double realMs = 0;
        if (options.Real && cells.Length > 0)
        {
            var realWatch = Stopwatch.StartNew();
            var predictions = new CompatPredictions();
            var matrix = new List<MatrixCell>();
            foreach (var c in cells)
            {
                predictions.Add(c.OldSpec, c.NewSpec, c.Forward);
                predictions.Add(c.NewSpec, c.OldSpec, c.Backward);
                matrix.Add(MatrixCellOf(options.Arch, c.Machine, c.Cpu, old.Label, @new.Label));
                matrix.Add(MatrixCellOf(options.Arch, c.Machine, c.Cpu, @new.Label, old.Label));
            }
            var summary = await MatrixRunner.RunAsync(matrix, new MatrixRunOptions
            {
                LabDir = options.LabDir,
                Jobs = options.Jobs,
                Predictor = predictions,
                Installations = new Dictionary<string, QemuInstallation>(StringComparer.Ordinal)
                {
                    [old.Label] = old.Installation!,
                    [@new.Label] = @new.Installation!,
                },
                CellFinished = options.CellFinished,
            }, cancellationToken).ConfigureAwait(false);
            var byKey = summary.Records.ToDictionary(r => r.Key, StringComparer.Ordinal);
            for (var i = 0; i < cells.Length; i++)
            {
                var c = cells[i];
                cells[i] = c with
                {
                    RealForward = byKey.GetValueOrDefault(MatrixCellOf(options.Arch, c.Machine, c.Cpu, old.Label, @new.Label).Key),
                    RealBackward = byKey.GetValueOrDefault(MatrixCellOf(options.Arch, c.Machine, c.Cpu, @new.Label, old.Label).Key),
                };
            }
            realMs = realWatch.Elapsed.TotalMilliseconds;
        }

        var perMachine = cells.GroupBy(c => c.Machine, StringComparer.Ordinal)
            .Select(g => new CompatMachine(g.Key, g.ToList(), CompatSummary.Line(g.Key, g.ToList())))
            .ToList();
        return new CompatReport
        {
            Old = old,
            New = @new,
            Arch = options.Arch,
            Machines = perMachine,
            BuildFacts = statics.BuildFacts(),
            Real = options.Real,
            PredictMs = predictMs,
            RealMs = realMs,
        };
    }

    private static MatrixCell MatrixCellOf(string arch, string machine, string? cpu, string source, string destination) => new()
    {
        Arch = arch,
        Machine = machine,
        Cpu = cpu,
        Variant = "compat",
        Source = MigrationSide.Create(source, machine, cpu),
        Destination = MigrationSide.Create(destination, machine, cpu),
    };

    // A predictor failure is Tern's, not the builds': the cell is undecidable and says why, never compatible.
    private static Verdict Guarded(Func<Verdict> predict)
    {
        try
        {
            return predict();
        }
#pragma warning disable CA1031 // one cell's predictor failure must not lose the other cells
        catch (Exception e)
#pragma warning restore CA1031
        {
            return Verdict.From([], [$"the predictor failed: {e.GetType().Name}: {e.Message}"], []);
        }
    }
}
