using System.CommandLine;
using Tern.Cli.Reports;
using Tern.Lab.Compat;
using Tern.Lab.Installation;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Commands;

/// <summary>
/// <c>tern compat OLD NEW</c>: what a new QEMU build breaks for existing VMs, per machine type, both directions —
/// static differences, Tern's prediction, and with <c>--real</c> the real migrations beside it.
/// Exit codes: 0 nothing breaks, 1 something breaks, 2 usage, 3 undecidable or environment, 4 a real migration
/// contradicted a prediction (a Tern defect; takes precedence).
/// </summary>
internal static class CompatCommand
{
    public static Command Create()
    {
        var oldArg = new Argument<string>("old") { Description = "The old build: a qemu-system-* binary, a profile file, or a label (qemu-10.0.13, 7.2, a lab label)." };
        var newArg = new Argument<string>("new") { Description = "The new build, likewise." };
        var arch = new Option<string?>("--arch") { Description = "ppc64 or aarch64 (default: from a binary's name)." };
        var machines = new Option<string?>("--machines") { Description = "Comma-separated machine types, or all-common (default): every pseries-X.Y/virt-X.Y both builds have." };
        var cpus = new Option<string?>("--cpus") { Description = "CPU models besides each machine's default CPU: a comma-separated list (key=value items are properties of the model before them, as in tern profile), or all-common (every CPU model both profiles sampled)." };
        var devices = new Option<string?>("--devices") { Description = "Device VMSDs the -dump-vmstate comparison reports: none, common (default), all, or a comma-separated list." };
        var real = new Option<bool>("--real") { Description = "Also migrate each cell for real, both ways (TCG, paused), and report it beside the prediction." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON." };
        var junit = new Option<string?>("--junit") { Description = "Write JUnit XML here (a break or a disagreement is a failure)." };
        var html = new Option<string?>("--html") { Description = "Write a self-contained HTML report here." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Cells in parallel (default: the core count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var labDir = new Option<string?>("--lab-dir") { Description = "The QEMU lab directory (default: $TERN_LAB_DIR or ~/.cache/tern/lab)." };
        var cmd = new Command("compat", "What a new QEMU build breaks for existing VMs: per machine type, both directions, predicted (and with --real, observed).")
        {
            oldArg, newArg, arch, machines, cpus, devices, real, json, junit, html, jobs, labDir,
        };
        var knowledge = new KnowledgeOptions();
        knowledge.AddTo(cmd);
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            var oldText = r.GetValue(oldArg)!;
            var newText = r.GetValue(newArg)!;
            var a = r.GetValue(arch) ?? ArchOfArgument(oldText) ?? ArchOfArgument(newText)
                ?? throw new UsageException("compat: give --arch ppc64|aarch64 (it cannot be told from labels)");
            if (Architectures.Parse(a) is null) throw new UsageException($"--arch must be {Architectures.NamesText}, not '{a}'");
            if (r.GetValue(jobs) < 1) throw new UsageException("--jobs must be at least 1");
            CompatDeviceSet deviceSet;
            try { deviceSet = CompatDeviceSet.Parse(r.GetValue(devices)); }
            catch (FormatException e) { throw new UsageException(e.Message); }
            var lab = LabDirectory.Resolve(r.GetValue(labDir));
            var dirs = r.GetValue(knowledge.Profiles) ?? [];
            var old = CompatBuilds.Resolve(oldText, a, dirs, lab);
            var @new = CompatBuilds.Resolve(newText, a, dirs, lab);
            var machineList = Split(r.GetValue(machines)) is { } ms && !(ms.Count == 1 && ms[0] == "all-common") ? ms : null;
            if (machineList is not null)
            {
                foreach (var m in machineList)
                    foreach (var b in new[] { old, @new })
                        if (b.Profile.Machines.All(x => x.Name != m && x.Alias != m))
                            throw new UsageException($"--machines: {b.Label} ({b.Origin}) has no machine type '{m}'");
            }
            var cpuList = ProfileCommand.CpuModels(r.GetValue(cpus)) is { } cs
                ? cs.Count == 1 && cs[0] == "all-common" ? CompatPlanner.CommonCpus(old.Profile, @new.Profile) : cs
                : [];
            var cellMachines = machineList ?? CompatPlanner.CommonMachines(old.Profile, @new.Profile);
            old = CompatBuilds.WithSamples(old, a, cellMachines, cpuList);
            @new = CompatBuilds.Distinguish(old, CompatBuilds.WithSamples(@new, a, cellMachines, cpuList));
            var options = new CompatOptions
            {
                Arch = a,
                Machines = machineList,
                Cpus = cpuList,
                Devices = deviceSet,
                Real = r.GetValue(real),
                Jobs = r.GetValue(jobs),
                LabDir = lab,
                Knowledge = knowledge.Build(r, [old.ProfileFile, @new.ProfileFile]),
                CellFinished = r.GetValue(json) ? null : rec => Console.Error.WriteLine($"  real {rec.Machine} {rec.Cpu} {rec.Pair}: {rec.Outcome} ({rec.Agreement})"),
            };
            var report = await CompatRunner.RunAsync(old, @new, options, ct).ConfigureAwait(false);
            var exit = ExitCode(report);
            if (r.GetValue(json)) CompatJsonReport.Write(Console.OpenStandardOutput(), report, exit);
            else CompatTextReport.Write(Consoles.Stdout, report);
            if (r.GetValue(junit) is { } j) CompatJunitReport.Write(j, report);
            if (r.GetValue(html) is { } h) CompatHtmlReport.Write(h, report);
            return exit;
        }));
        return cmd;
    }

    /// <summary>4 when a real run contradicts a prediction; else 1 when anything breaks; else 3 when anything is undecidable or a lab error; else 0.</summary>
    internal static int ExitCode(CompatReport report)
    {
        if (report.Disagreements.Any()) return ExitCodes.Disagreement;
        var cells = report.Cells.ToList();
        if (cells.Any(c => c.Breaks)) return ExitCodes.Findings;
        if (cells.Count == 0) return ExitCodes.Unreadable;
        if (cells.Any(c => c.Forward.Kind == VerdictKind.Undecidable || c.Backward.Kind == VerdictKind.Undecidable
            || c.RealForward?.Outcome == "error" || c.RealBackward?.Outcome == "error")) return ExitCodes.Unreadable;
        return ExitCodes.Ok;
    }

    private static string? ArchOfArgument(string arg) => File.Exists(arg) ? ProfileCommand.ArchOf(arg) : null;

    private static List<string>? Split(string? s) =>
        s is null ? null : s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
