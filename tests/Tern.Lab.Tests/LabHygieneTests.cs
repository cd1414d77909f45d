using System.Diagnostics;
using System.Text.Json;
using Tern.Lab.Installation;
using Tern.Lab.Processes;

namespace Tern.Lab.Tests;

/// <summary>
/// The lab never leaks: a runner killed with SIGKILL takes its QEMU processes (and what they spawned) with it, and a QEMU
/// dying under a QMP command is one clean error line naming the cell (docs/reliability.md, "Lab hygiene").
/// </summary>
public sealed class LabHygieneTests
{
    /// <summary>Long enough a save (8 GiB of zero pages, about a second) to catch a migration in flight.</summary>
    private const string SlowSave = """
        versions: [7.2, 10.0.13]
        machines: [pseries-7.2]
        directions: [same]
        memory: 8192
        """;

    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task SIGKILL_of_tern_matrix_mid_migration_leaves_no_QEMU_and_no_migration_child_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2", "10.0.13");
        var dir = LabFixture.TempDir("kill-matrix");
        var config = MatrixConfigs.Write(dir, "m.yaml", SlowSave);
        using var cli = CliProcess.Start(["matrix", config, "--db", Path.Combine(dir, "m.db"), "--jobs", "1", "--predictor", "none", "--no-progress"]);
        try
        {
            // A source QEMU that is saving: its process group holds the exec:cat it spawned for the stream.
            var source = await RunProcesses.WaitForQemuAsync(cli, (q, run) => run.Any(c => c.ProcessGroup == q.Pid && c.Pid != q.Pid && !c.IsQemu && c.Argv.Any(a => a.Contains("forward.stream", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(15), ct);
            var before = RunProcesses.Of(cli.Id);
            Assert.Equal(source.Pid, source.ProcessGroup); // QEMU leads its own process group (setsid), same pid

            var (elapsed, left) = await RunProcesses.KillRunnerAndWaitAsync(cli, GoneWithin, ct);

            TestContext.Current.TestOutputHelper?.WriteLine($"{before.Count} processes of the run ({RunProcesses.Describe(before)}) gone {elapsed.TotalMilliseconds:F0} ms after kill -9");
            Assert.True(left.Count == 0, $"alive {elapsed.TotalMilliseconds:F0} ms after kill -9: {RunProcesses.Describe(left)}");
            Assert.True(before.Count >= 4, RunProcesses.Describe(before)); // two QEMUs, their guards, the migration's cat
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
            RunProcesses.CleanUpAfter(cli.Id);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task SIGKILL_of_tern_lab_profile_leaves_no_QEMU_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2");
        var dir = LabFixture.TempDir("kill-profile");
        using var cli = CliProcess.Start(["lab", "profile", "7.2", "--machines", "pseries-5.2,pseries-7.2", "--out", Path.Combine(dir, "p.json")]);
        try
        {
            // A QEMU that is up (running through its loader, its QMP socket created), not one still being exec'd.
            var qemu = await RunProcesses.WaitForQemuAsync(cli, (q, _) => q.Argv[0].Contains("ld-linux", StringComparison.Ordinal) && RunProcesses.QmpSocketExists(q),
                TimeSpan.FromSeconds(15), ct);
            var before = RunProcesses.Of(cli.Id);

            var (elapsed, left) = await RunProcesses.KillRunnerAndWaitAsync(cli, GoneWithin, ct);

            TestContext.Current.TestOutputHelper?.WriteLine($"{before.Count} processes of the run ({RunProcesses.Describe(before)}) gone {elapsed.TotalMilliseconds:F0} ms after kill -9");
            Assert.True(left.Count == 0, $"alive {elapsed.TotalMilliseconds:F0} ms after kill -9: {RunProcesses.Describe(left)}");
            Assert.False(Processes.LabProcessRegistry.IsQemu(qemu.Pid), $"QEMU {qemu.Pid} survived");
            Assert.False(File.Exists(Path.Combine(dir, "p.json")));
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
            RunProcesses.CleanUpAfter(cli.Id);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_QEMU_keeps_its_pid_leads_its_process_group_and_its_watcher_leaves_when_it_quits()
    {
        var ct = TestContext.Current.CancellationToken;
        var inst = QemuInstallation.Find(LabFixture.Require("7.2"), "7.2");
        await using var q = QemuProcess.Start(inst, "ppc64", ["-nodefaults", "-nographic", "-S", "-machine", "none"]);
        await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), ct);
        var procs = RunProcesses.All();
        var qemu = procs.Single(p => p.Pid == q.Pid);
        var watcher = procs.Single(p => p.ParentPid == q.Pid && p.Argv.Contains(ParentDeathGuard.Name));

        var watch = Stopwatch.StartNew();
        var exit = await q.QuitAsync(TimeSpan.FromSeconds(10));
        var quitIn = watch.Elapsed;
        while (Directory.Exists($"/proc/{watcher.Pid}") && RunProcesses.All().Any(p => p.Pid == watcher.Pid) && watch.Elapsed < TimeSpan.FromSeconds(3)) await Task.Delay(5, ct);

        Assert.True(qemu.IsQemu, string.Join(' ', qemu.Argv));
        Assert.Equal(q.Pid, qemu.ProcessGroup);
        Assert.Equal(q.Pid, watcher.ProcessGroup); // the watcher lives in QEMU's session, not in its runner's
        Assert.Equal(0, exit.ExitCode);
        Assert.True(quitIn < TimeSpan.FromSeconds(1.5), $"quit took {quitIn}: the watcher held QEMU's stderr open");
        Assert.DoesNotContain(RunProcesses.All(), p => p.Pid == watcher.Pid);
    }

    [Fact]
    public async Task QEMU_reads_dev_null_not_the_guard_pipe()
    {
        var ct = TestContext.Current.CancellationToken;
        var inst = QemuInstallation.Find(LabFixture.Require("7.2"), "7.2");
        await using var q = QemuProcess.Start(inst, "ppc64", ["-nodefaults", "-nographic", "-S", "-machine", "none"]);
        await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), ct);

        Assert.Equal("/dev/null", new FileInfo($"/proc/{q.Pid}/fd/0").LinkTarget);
        Assert.StartsWith("pipe:", new FileInfo($"/proc/{q.Pid}/fd/2").LinkTarget, StringComparison.Ordinal);
        await q.QuitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_QEMU_killed_during_a_profile_sample_is_one_error_line_naming_the_sample()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2");
        var dir = LabFixture.TempDir("profile-death");
        var output = Path.Combine(dir, "p.json");
        using var cli = CliProcess.Start(["lab", "profile", "7.2", "--machines", "pseries-7.2", "--cpus", "", "--out", output]);
        var stderrTask = cli.StandardError.ReadToEndAsync(ct);
        _ = cli.StandardOutput.ReadToEndAsync(ct);
        try
        {
            // The sample QEMU lives a few hundred milliseconds: stop it as soon as it runs (through its loader), wherever
            // the runner is with it (connecting to QMP, reading caps, saving) — each must end in the one line below.
            var sample = await RunProcesses.WaitForQemuAsync(cli, (q, _) => q.Argv[0].Contains("ld-linux", StringComparison.Ordinal) && q.Argv.Contains("pseries-7.2")
                && q.Argv.Contains("-S") && !q.Argv.Contains("-cpu") && !q.Argv.Contains("-dump-vmstate"), TimeSpan.FromSeconds(15), ct);
            Assert.Equal(0, NativeMethods.Kill(sample.Pid, 19)); // SIGSTOP: the runner waits on QEMU
            await Task.Delay(150, ct);
            Assert.Equal(0, NativeMethods.Kill(sample.Pid, 9));
            await cli.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
            var stderr = await stderrTask;

            Assert.True(cli.ExitCode == 3, $"exit {cli.ExitCode}: {stderr}");
            var line = Assert.Single(stderr.Split('\n'), l => l.StartsWith("tern: ", StringComparison.Ordinal));
            TestContext.Current.TestOutputHelper?.WriteLine(line);
            Assert.StartsWith("tern: profile of QEMU 7.2 ppc64, sample pseries-7.2 (default CPU): ", line, StringComparison.Ordinal);
            Assert.Contains("signal 9 (SIGKILL)", line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            Assert.False(File.Exists(output));
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task A_source_QEMU_killed_during_query_migrate_is_one_error_line_naming_the_cell_the_run_goes_on_and_the_rerun_retries_it()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2", "10.0.13");
        var dir = LabFixture.TempDir("qmp-death");
        var config = MatrixConfigs.Write(dir, "m.yaml", SlowSave);
        var db = Path.Combine(dir, "m.db");
        string[] args = ["matrix", config, "--db", db, "--jobs", "1", "--predictor", "none", "--no-progress", "--json"];
        using var cli = CliProcess.Start(args);
        var stdoutTask = cli.StandardOutput.ReadToEndAsync(ct);
        var stderrTask = cli.StandardError.ReadToEndAsync(ct);
        try
        {
            var source = await RunProcesses.WaitForQemuAsync(cli, (q, run) => run.Any(c => c.ProcessGroup == q.Pid && c.Pid != q.Pid && c.Argv.Any(a => a.Contains("forward.stream", StringComparison.Ordinal))),
                TimeSpan.FromSeconds(15), ct);
            // Stop it mid-save so the runner's next query-migrate stays unanswered, then kill it under that command.
            Assert.Equal(0, NativeMethods.Kill(source.Pid, 19)); // SIGSTOP
            await Task.Delay(150, ct);
            Assert.Equal(0, NativeMethods.Kill(source.Pid, 9));
            await cli.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
            var (stdout, stderr) = (await stdoutTask, await stderrTask);
            var version = source.Argv.First(a => a.Contains("/qemu-system-", StringComparison.Ordinal)).Split('/')[^5]; // <lab>/<label>/root/usr/bin/qemu-system-ppc64

            Assert.True(cli.ExitCode == 3, $"exit {cli.ExitCode}: {stderr}");
            TestContext.Current.TestOutputHelper?.WriteLine(stderr);
            // Which QMP command the runner was in depends on timing (a loaded machine may still be in 'migrate').
            var prefix = $"tern: cell pseries-7.2 (default) default {version} → {version}: the source QEMU {version} was killed by signal 9 (SIGKILL) during '";
            Assert.Contains(stderr.Split('\n'), l => l == prefix + "query-migrate'" || l == prefix + "migrate'");
            Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
            using (var doc = JsonDocument.Parse(stdout))
            {
                var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("source").GetProperty("qemu").GetString()!, c => c.GetProperty("outcome").GetString());
                Assert.Equal(2, cells.Count);
                Assert.Equal("error", cells[version]);
                Assert.Equal("success", cells.Single(c => c.Key != version).Value); // the run went on after the error
            }

            // The rerun skips the finished cell and runs the one the lab could not decide again.
            var (exit, stdout2, stderr2) = await CliProcess.RunAsync(args, ct);

            Assert.True(exit == 0, $"exit {exit}: {stderr2}");
            using var again = JsonDocument.Parse(stdout2);
            var summary = again.RootElement.GetProperty("summary");
            Assert.Equal((1, 1), (summary.GetProperty("skipped").GetInt32(), summary.GetProperty("ranNow").GetInt32()));
            Assert.All(again.RootElement.GetProperty("cells").EnumerateArray(), c => Assert.Equal("success", c.GetProperty("outcome").GetString()));
        }
        finally
        {
            if (!cli.HasExited) cli.Kill();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dir, true);
        }
    }
}
