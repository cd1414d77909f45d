using System.Diagnostics;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Qmp;

namespace Tern.Lab.Tests;

public sealed class QmpClientTests
{
    private static readonly string[] PausedPseries = ["-nodefaults", "-nographic", "-S", "-accel", "tcg", "-machine", "pseries-7.2", "-m", "256"];

    private static QemuProcess Start72() =>
        QemuProcess.Start(QemuInstallation.Find(LabFixture.Require("7.2"), "7.2"), "ppc64", PausedPseries);

    [Fact]
    public async Task Query_version_reports_the_version_of_the_started_installation()
    {
        await using var q = Start72();
        var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var version = await qmp.QueryVersionAsync(TestContext.Current.CancellationToken);
        var status = await qmp.QueryStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal((7, 2), (version.Major, version.Minor));
        Assert.Contains("deb12", version.Package, StringComparison.Ordinal);
        Assert.Equal(version, qmp.GreetingVersion);
        Assert.Equal("prelaunch", status.Status);
        Assert.False(status.Running);
    }

    [Fact]
    public async Task Cont_produces_a_RESUME_event_and_quit_ends_the_process_with_exit_code_0()
    {
        await using var q = Start72();
        var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var resume = qmp.WaitForEventAsync("RESUME", TimeSpan.FromSeconds(10), cancellationToken: TestContext.Current.CancellationToken);
        await qmp.ExecuteAsync("cont", cancellationToken: TestContext.Current.CancellationToken);
        var ev = await resume;
        var exit = await q.QuitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal("RESUME", ev.Name);
        Assert.Equal(0, exit.ExitCode);
        Assert.Null(exit.Signal);
    }

    [Fact]
    public async Task An_unknown_command_raises_a_typed_QMP_error()
    {
        await using var q = Start72();
        var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var e = await Assert.ThrowsAsync<QmpErrorException>(() => qmp.ExecuteAsync("no-such-command", cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal("CommandNotFound", e.ErrorClass);
    }

    [Fact]
    public async Task A_command_to_a_frozen_QEMU_times_out()
    {
        await using var q = Start72();
        var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        q.Signal(19); // SIGSTOP

        var e = await Assert.ThrowsAsync<QmpTimeoutException>(() => qmp.ExecuteAsync("query-status", null, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken));

        Assert.Equal("query-status", e.What);
    }

    [Fact]
    public async Task QEMU_killed_while_a_command_is_outstanding_raises_QmpConnectionClosedException_with_the_signal()
    {
        await using var q = Start72();
        var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        q.Signal(19); // SIGSTOP: the command below stays unanswered
        var pending = qmp.QueryMachinesAsync(TestContext.Current.CancellationToken);
        await Task.Delay(100, TestContext.Current.CancellationToken);

        q.Signal(9);
        var e = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => pending);
        var again = await Assert.ThrowsAsync<QmpConnectionClosedException>(() => qmp.QueryStatusAsync(TestContext.Current.CancellationToken));

        Assert.Equal("query-machines", e.Command);
        Assert.Contains("signal 9 (SIGKILL)", e.ProcessExit, StringComparison.Ordinal);
        Assert.Equal(9, (await q.Exited).Signal);
        Assert.Equal("query-status", again.Command);
    }

    [Fact]
    public async Task A_bad_command_line_fails_to_start_with_QEMU_stderr()
    {
        var inst = QemuInstallation.Find(LabFixture.Require("7.2"), "7.2");
        await using var q = QemuProcess.Start(inst, "ppc64", ["-nodefaults", "-machine", "no-such-machine"]);

        var e = await Assert.ThrowsAsync<QemuStartException>(() => q.ConnectQmpAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal(1, e.Exit.ExitCode);
        Assert.Contains("qemu-system-ppc64: unsupported machine type", e.Stderr);
    }

    [Fact]
    public async Task Strays_of_a_dead_run_are_killed_after_checking_their_start_time_and_command_line()
    {
        var inst = QemuInstallation.Find(LabFixture.Require("7.2"), "7.2");
        var psi = new ProcessStartInfo(inst.Loader) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--library-path", string.Join(':', inst.LibraryPath), inst.BinaryFor("ppc64"), "-L", inst.FirmwareDir }.Concat(PausedPseries)) psi.ArgumentList.Add(a);
        using var stray = Process.Start(psi)!;
        var fakeLab = LabFixture.TempDir("strays");
        try
        {
            Directory.CreateDirectory(Path.Combine(fakeLab, ".run"));
            var start = LabProcessRegistry.StartTime(stray.Id);
            // A dead owner (pid 2^22 - 1 does not exist with that start time), an impostor entry with a wrong start time, and the stray.
            File.WriteAllText(Path.Combine(fakeLab, ".run", "owner-4194303-1.pids"), $"{Environment.ProcessId} 1\n{stray.Id} {start}\n");

            var killed = LabProcessRegistry.SweepStrays(fakeLab);

            Assert.Contains(stray.Id, killed); // (plus any real strays of dead runs the sweep found on the machine)
            Assert.True(stray.WaitForExit(10_000));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(fakeLab, ".run")));
        }
        finally
        {
            if (!stray.HasExited) stray.Kill();
            Directory.Delete(fakeLab, true);
        }
    }
}
