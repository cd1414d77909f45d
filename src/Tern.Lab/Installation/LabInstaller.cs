using System.Diagnostics;

namespace Tern.Lab.Installation;

/// <summary>Runs scripts/install-qemu-lab.sh, streaming its output line by line.</summary>
public static class LabInstaller
{
    /// <summary>
    /// Checks that the installer can run here: root (it unpacks packages with debootstrap/dpkg) and Debian
    /// (it reads Debian archives with apt tools). Returns null when fine, else the reason.
    /// </summary>
    public static string? CheckEnvironment()
    {
        if (!OperatingSystem.IsLinux()) return "the QEMU lab installer runs on Linux (Debian) only";
        if (!File.Exists("/etc/debian_version"))
            return "the QEMU lab installer needs a Debian system (no /etc/debian_version here): it downloads Debian's QEMU packages with apt and debootstrap";
        if (!Environment.IsPrivilegedProcess)
            return "the QEMU lab installer must run as root (it uses debootstrap and apt-get download into a private root); rerun with sudo";
        return null;
    }

    /// <summary>Runs the installer for <paramref name="suites"/>; every output line (stdout and stderr) goes to <paramref name="onLine"/>. Returns its exit code.</summary>
    public static async Task<int> RunAsync(string script, IReadOnlyList<string> suites, string? labDir, Action<string> onLine, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(onLine);
        if (suites.Count == 0) throw new ArgumentException("name at least one Debian suite (bullseye, bookworm, bookworm-backports, trixie, ...)", nameof(suites));
        var psi = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        if (!string.IsNullOrEmpty(labDir)) { psi.ArgumentList.Add("--lab-dir"); psi.ArgumentList.Add(labDir); }
        foreach (var s in suites) psi.ArgumentList.Add(s);
        using var p = new Process { StartInfo = psi };
        var gate = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) onLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) onLine(e.Data); };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            await p.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        return p.ExitCode;
    }
}
