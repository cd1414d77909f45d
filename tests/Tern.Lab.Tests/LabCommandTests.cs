using System.Diagnostics;

namespace Tern.Lab.Tests;

public sealed class LabCommandTests
{
    [Fact]
    public async Task Lab_install_streams_the_installer_output_and_skips_installed_suites()
    {
        LabFixture.Require("7.2", "10.0.13");

        var (exit, _, stderr) = await CliProcess.RunAsync(["lab", "install", "trixie", "bookworm"], TestContext.Current.CancellationToken);

        Assert.True(exit == 0, stderr);
        Assert.Contains("[trixie] already installed as 10.0.13", stderr, StringComparison.Ordinal);
        Assert.Contains("[bookworm] already installed as 7.2", stderr, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Lab_install_refuses_clearly_when_not_root()
    {
        Assert.True(File.Exists("/usr/bin/setpriv"), "needs util-linux's setpriv to drop root for this test");
        var home = LabFixture.TempDir("nobody");
        File.SetUnixFileMode(home, (UnixFileMode)0x1FF);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "/usr/bin/dotnet";
        if (!File.Exists(dotnet)) dotnet = Process.GetCurrentProcess().MainModule?.FileName ?? "dotnet";
        // The clone may live in a directory nobody cannot enter (e.g. a mktemp -d): run a copy of the test output from a
        // world-readable place instead.
        var bin = Path.Combine(home, "bin");
        CopyTree(AppContext.BaseDirectory, bin);
        var assembly = Path.Combine(bin, Path.GetFileName(typeof(LabCommandTests).Assembly.Location));
        var psi = new ProcessStartInfo("/usr/bin/setpriv") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "env", $"HOME={home}", $"DOTNET_CLI_HOME={home}", "DOTNET_NOLOGO=1",
                     dotnet, "exec", assembly, "--tern-cli", "lab", "install", "trixie" })
            psi.ArgumentList.Add(a);

        using var p = Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await p.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(3 == p.ExitCode, $"exit {p.ExitCode}: {stderr}");
        Assert.Contains("must run as root", stderr, StringComparison.Ordinal);
        Directory.Delete(home, true);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, (UnixFileMode)0x1ED); // 0755
        foreach (var f in Directory.EnumerateFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (var d in Directory.EnumerateDirectories(from)) CopyTree(d, Path.Combine(to, Path.GetFileName(d)));
    }

    [Fact]
    public async Task Matrix_without_a_config_or_flags_is_a_usage_error_and_a_missing_version_names_the_installer()
    {
        var ct = TestContext.Current.CancellationToken;
        LabFixture.Require("7.2");

        var usage = await CliProcess.RunAsync(["matrix"], ct);
        var missing = await CliProcess.RunAsync(["matrix", "--qemu", "9.9,7.2", "--machine", "pseries-7.2"], ct);

        Assert.Equal(2, usage.Exit);
        Assert.Contains("--qemu and --machine", usage.Stderr, StringComparison.Ordinal);
        Assert.Equal(3, missing.Exit);
        Assert.Contains("QEMU 9.9 is not installed", missing.Stderr, StringComparison.Ordinal);
        Assert.Contains("install-qemu-lab.sh", missing.Stderr, StringComparison.Ordinal);
    }
}
