using System.Diagnostics;
using System.Globalization;

namespace Tern.Lab.Tests;

/// <summary>
/// The processes of one Tern run, found in /proc: every QEMU (and its guard watcher) whose command line holds the run's QMP
/// socket directory (<c>/tern-lab-&lt;runner pid&gt;-</c>), plus every process in those QEMUs' process groups (what they spawned,
/// e.g. the <c>exec:cat</c> of a migration). Zombies count as gone.
/// </summary>
internal static class RunProcesses
{
    public sealed record Proc(int Pid, int ParentPid, int ProcessGroup, IReadOnlyList<string> Argv)
    {
        /// <summary>True for QEMU itself (run through its loader), false for the guard shell and anything else.</summary>
        public bool IsQemu => Argv.Count > 0 && Argv[0] != "/bin/sh" && Argv.Any(a => a.Contains("qemu-system-", StringComparison.Ordinal));
    }

    /// <summary>Every live process on the machine with its parent, process group and argv.</summary>
    public static List<Proc> All()
    {
        var list = new List<Proc>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (f[0] is "Z" or "X") continue;
                var argv = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                list.Add(new Proc(pid, int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), argv));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
            {
                // gone while we looked
            }
        }
        return list;
    }

    /// <summary>The live processes of the run of <paramref name="runnerPid"/>.</summary>
    public static List<Proc> Of(int runnerPid)
    {
        var all = All();
        var tag = string.Create(CultureInfo.InvariantCulture, $"/tern-lab-{runnerPid}-");
        var mine = all.Where(p => p.Argv.Any(a => a.Contains(tag, StringComparison.Ordinal))).ToList();
        // QEMU leads its own process group (setsid): what it spawned is in that group.
        var groups = mine.Where(p => p.IsQemu && p.ProcessGroup == p.Pid).Select(p => p.ProcessGroup).ToHashSet();
        return [.. mine.Union(all.Where(p => groups.Contains(p.ProcessGroup)))];
    }

    /// <summary>Waits until the run of <paramref name="runnerPid"/> has a QEMU matching <paramref name="match"/>; fails after <paramref name="timeout"/>.</summary>
    public static async Task<Proc> WaitForQemuAsync(Process runner, Func<Proc, List<Proc>, bool> match, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            Assert.False(runner.HasExited, $"the run ended (exit {(runner.HasExited ? runner.ExitCode : 0)}) before a QEMU of it was seen");
            var procs = Of(runner.Id);
            if (procs.FirstOrDefault(p => p.IsQemu && match(p, procs)) is { } q) return q;
            await Task.Delay(5, ct);
        }
        Assert.Fail($"no QEMU of run {runner.Id} within {timeout}");
        return null!;
    }

    /// <summary>kill -9 the runner and measures how long until no process of its run is alive (at most <paramref name="limit"/>).</summary>
    public static async Task<(TimeSpan Elapsed, List<Proc> Left)> KillRunnerAndWaitAsync(Process runner, TimeSpan limit, CancellationToken ct)
    {
        var pid = runner.Id;
        Assert.Equal(0, Processes.NativeMethods.Kill(pid, 9));
        var watch = Stopwatch.StartNew();
        await runner.WaitForExitAsync(ct);
        List<Proc> left;
        while ((left = Of(pid)).Count > 0 && watch.Elapsed < limit) await Task.Delay(5, ct);
        return (watch.Elapsed, left);
    }

    /// <summary>Removes what a killed runner leaves for the next run to sweep (its state file and temporary directories).</summary>
    public static void CleanUpAfter(int runnerPid)
    {
        var runDir = Path.Combine(LabFixture.LabDir, ".run");
        if (Directory.Exists(runDir))
        {
            foreach (var f in Directory.EnumerateFiles(runDir, string.Create(CultureInfo.InvariantCulture, $"owner-{runnerPid}-*.pids"))) File.Delete(f);
        }
        foreach (var kind in new[] { "lab", "mig", "cell", "profile" })
        {
            foreach (var d in Directory.EnumerateDirectories(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"tern-{kind}-{runnerPid}-*")))
            {
                try { Directory.Delete(d, true); } catch (IOException) { }
            }
        }
    }

    /// <summary>True when the QMP socket named on <paramref name="q"/>'s command line exists (QEMU is past its start-up).</summary>
    public static bool QmpSocketExists(Proc q)
    {
        var qmp = q.Argv.SkipWhile(a => a != "-qmp").Skip(1).FirstOrDefault();
        return qmp is not null && qmp.StartsWith("unix:", StringComparison.Ordinal) && qmp.Contains(',', StringComparison.Ordinal)
            && File.Exists(qmp["unix:".Length..qmp.IndexOf(',', StringComparison.Ordinal)]);
    }

    public static string Describe(IEnumerable<Proc> procs) => string.Join("; ", procs.Select(p => $"{p.Pid} {string.Join(' ', p.Argv.Take(4))}"));
}
