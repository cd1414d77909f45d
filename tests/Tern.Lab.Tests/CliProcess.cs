using System.Diagnostics;

namespace Tern.Lab.Tests;

/// <summary>Runs the CLI's lab verbs in a child process (this test assembly with <c>--tern-cli</c>).</summary>
internal static class CliProcess
{
    public static Process Start(IEnumerable<string> args, string? workingDirectory = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(typeof(CliProcess).Assembly.Location);
        psi.ArgumentList.Add("--tern-cli");
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["NO_COLOR"] = "1";
        psi.Environment["TERN_LAB_DIR"] = LabFixture.LabDir;
        return Process.Start(psi)!;
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(IEnumerable<string> args, CancellationToken ct, string? workingDirectory = null)
    {
        using var p = Start(args, workingDirectory);
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        try
        {
            await p.WaitForExitAsync(ct).WaitAsync(TimeSpan.FromMinutes(3), ct);
        }
        catch
        {
            p.Kill(true);
            throw;
        }
        return (p.ExitCode, await stdout, await stderr);
    }
}
