using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Tern.Lab.Processes;

/// <summary>
/// Remembers every QEMU process this program starts (pid + kernel start time) in
/// <c>&lt;lab&gt;/.run/owner-&lt;pid&gt;-&lt;start&gt;.pids</c>, kills them when the program is interrupted (SIGINT,
/// SIGTERM, normal exit), and on the first start of a later run ends the strays of runs that died
/// (e.g. SIGKILL), after checking <c>/proc/&lt;pid&gt;/stat</c> (same start time) and <c>/proc/&lt;pid&gt;/cmdline</c> (a qemu-system binary),
/// together with their temporary directories. Since QEMU runs under <see cref="ParentDeathGuard"/>, a SIGKILLed owner's QEMUs
/// are normally gone before the sweep looks; it remains the last resort (e.g. a guard killed with its owner's process group).
/// </summary>
public static partial class LabProcessRegistry
{
    /// <summary>The prefix of every QMP socket directory (<c>/tmp/tern-lab-&lt;owner pid&gt;-&lt;owner start&gt;-&lt;n&gt;</c>).</summary>
    public const string SocketDirectoryPrefix = "tern-lab-";

    private static readonly Lock Gate = new();
    private static readonly Dictionary<int, System.Diagnostics.Process> Live = [];
    private static readonly HashSet<string> Swept = new(StringComparer.Ordinal);
    private static readonly Dictionary<int, (string File, ulong Start)> Recorded = [];
    private static readonly List<PosixSignalRegistration> Signals = [];
    private static bool _hooked;

    /// <summary>This program's owner tag: <c>&lt;pid&gt;-&lt;kernel start time&gt;</c>.</summary>
    public static string OwnerTag { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{StartTime(Environment.ProcessId) ?? 0}");

    /// <summary>The processes started by this program that are still registered.</summary>
    public static IReadOnlyList<int> LivePids { get { lock (Gate) return [.. Live.Keys]; } }

    /// <summary>
    /// Ends the QEMU processes recorded by runs of any program that are no longer alive. Returns the pids killed.
    /// Called automatically before the first QEMU start per lab directory.
    /// </summary>
    public static IReadOnlyList<int> SweepStrays(string labDir)
    {
        ArgumentNullException.ThrowIfNull(labDir);
        var killed = new List<int>();
        var runDir = RunDirectory(labDir);
        if (!Directory.Exists(runDir)) return killed;
        foreach (var file in Directory.EnumerateFiles(runDir, "owner-*.pids"))
        {
            var parts = Path.GetFileNameWithoutExtension(file).Split('-');
            if (parts.Length != 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var owner) || !ulong.TryParse(parts[2], CultureInfo.InvariantCulture, out var ownerStart))
                continue;
            if (owner == Environment.ProcessId || StartTime(owner) == ownerStart) continue; // a live run owns them
            string[] lines;
            try { lines = File.ReadAllLines(file); } catch (IOException) { continue; }
            foreach (var line in lines)
            {
                var f = line.Split(' ');
                if (f.Length < 2 || !int.TryParse(f[0], CultureInfo.InvariantCulture, out var pid) || !ulong.TryParse(f[1], CultureInfo.InvariantCulture, out var start)) continue;
                if (StartTime(pid) != start || !IsQemu(pid)) continue;
                if (NativeMethods.Kill(pid, 9) == 0) killed.Add(pid);
            }
            try { File.Delete(file); } catch (IOException) { }
        }
        killed.AddRange(SweepByCommandLine());
        SweepTemporaryDirectories();
        return killed;
    }

    /// <summary>
    /// A new temporary directory named after this program (<c>/tmp/tern-&lt;kind&gt;-&lt;owner pid&gt;-&lt;owner start&gt;-XXXX</c>), so
    /// the next run deletes it if this program is killed before it could (streams of a killed matrix are tens of MB each).
    /// </summary>
    public static DirectoryInfo CreateOwnedTempDirectory(string kind) =>
        Directory.CreateTempSubdirectory(string.Create(CultureInfo.InvariantCulture, $"tern-{kind}-{OwnerTag}-"));

    /// <summary>Deletes the QMP socket directories and owned temporary directories of owners that are gone.</summary>
    private static void SweepTemporaryDirectories()
    {
        IEnumerable<string> dirs;
        try { dirs = Directory.EnumerateDirectories(Path.GetTempPath(), "tern-*"); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        foreach (var dir in dirs)
        {
            var m = OwnerInTempName().Match(Path.GetFileName(dir));
            if (!m.Success) continue;
            var owner = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var ownerStart = ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (owner == Environment.ProcessId || StartTime(owner) == ownerStart) continue;
            try { Directory.Delete(dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        }
    }

    [GeneratedRegex(@"^tern-(?:lab|mig|cell|profile)-(\d+)-(\d+)-")]
    private static partial Regex OwnerInTempName();

    /// <summary>
    /// Kills QEMU processes whose QMP socket path names an owner that is gone: this catches a QEMU started in the
    /// instant before its owner was killed, before the owner could record it.
    /// </summary>
    private static List<int> SweepByCommandLine()
    {
        var killed = new List<int>();
        IEnumerable<string> procs;
        try { procs = Directory.EnumerateDirectories("/proc"); } catch (IOException) { return killed; }
        foreach (var dir in procs)
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || pid == Environment.ProcessId) continue;
            string cmd;
            try { cmd = File.ReadAllText(Path.Combine(dir, "cmdline")); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { continue; }
            if (!cmd.Contains("qemu-system-", StringComparison.Ordinal)) continue;
            var m = OwnerInSocket().Match(cmd);
            if (!m.Success) continue;
            var owner = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            var ownerStart = ulong.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
            if (owner == Environment.ProcessId || StartTime(owner) == ownerStart) continue;
            if (NativeMethods.Kill(pid, 9) == 0) killed.Add(pid);
        }
        return killed;
    }

    [GeneratedRegex(@"/tern-lab-(\d+)-(\d+)-\d+/qmp\.sock")]
    private static partial Regex OwnerInSocket();

    /// <summary>Registers a started process: recorded in the state file and killed on interruption.</summary>
    public static void Register(string labDir, System.Diagnostics.Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var file = OwnFile(labDir);
        var start = StartTime(process.Id) ?? 0;
        lock (Gate)
        {
            HookSignals();
            Live[process.Id] = process;
            Recorded[process.Id] = (file, start);
            File.AppendAllText(file, $"{process.Id} {start}\n");
        }
    }

    /// <summary>Forgets a process that has ended.</summary>
    public static void Unregister(int pid)
    {
        lock (Gate)
        {
            Live.Remove(pid);
            if (!Recorded.Remove(pid, out var rec)) return;
            var rest = Recorded.Where(r => r.Value.File == rec.File).Select(r => $"{r.Key} {r.Value.Start}\n");
            try
            {
                if (Recorded.Values.Any(r => r.File == rec.File)) File.WriteAllText(rec.File, string.Concat(rest));
                else File.Delete(rec.File);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Kills every live registered process (SIGKILL).</summary>
    public static void KillAll()
    {
        List<System.Diagnostics.Process> all;
        lock (Gate) all = [.. Live.Values];
        foreach (var p in all)
        {
            try { p.Kill(); } catch (InvalidOperationException) { } catch (System.ComponentModel.Win32Exception) { }
        }
    }

    /// <summary>Makes sure strays of dead runs under <paramref name="labDir"/> were swept once in this program.</summary>
    internal static void EnsureSwept(string labDir)
    {
        lock (Gate)
        {
            if (!Swept.Add(Path.GetFullPath(labDir))) return;
        }
        SweepStrays(labDir);
    }

    /// <summary>The kernel start time of <paramref name="pid"/> (field 22 of /proc/pid/stat, clock ticks since boot), or null when it does not exist.</summary>
    public static ulong? StartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0) return null;
            var fields = stat[(close + 2)..].Split(' ');
            // fields[0] is field 3 (state); start time is field 22.
            return fields.Length > 19 && ulong.TryParse(fields[19], CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>True when /proc/pid/cmdline names a qemu-system binary (directly or through a loader).</summary>
    public static bool IsQemu(int pid)
    {
        try
        {
            var cmd = File.ReadAllText($"/proc/{pid}/cmdline");
            return cmd.Contains("qemu-system-", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string RunDirectory(string labDir) => Path.Combine(labDir, ".run");

    private static string OwnFile(string labDir)
    {
        var dir = RunDirectory(labDir);
        Directory.CreateDirectory(dir);
        var me = Environment.ProcessId;
        return Path.Combine(dir, string.Create(CultureInfo.InvariantCulture, $"owner-{me}-{StartTime(me) ?? 0}.pids"));
    }

    private static void HookSignals()
    {
        if (_hooked) return;
        _hooked = true;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        foreach (var sig in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
            Signals.Add(PosixSignalRegistration.Create(sig, _ => KillAll()));
    }
}
