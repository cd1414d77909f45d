using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Tern.Knowledge;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Profiles;
using Tern.Lab.Qmp;
using Tern.Platforms;

namespace Tern.Lab.Captures;

/// <summary>
/// Captures a whole configuration on the binary a profile was measured from: a lab installation with the profile's
/// label, or a binary the user named for that label; the binary must have the profile's build id. QEMU starts paused
/// with the VM's options (backends nulled, <see cref="CaptureArguments"/>) and migrates to a file; the stream without its
/// pages is cached under <c>~/.cache/tern/captures</c> by build, target and options, so a configuration runs once.
/// </summary>
public sealed class ConfigurationCapture : IConfigurationCapture
{
    private readonly string _labDir;
    private readonly IReadOnlyDictionary<string, string> _binaries;
    private readonly string _cacheDir;
    private readonly ConcurrentDictionary<string, string> _buildIds = new(StringComparer.Ordinal);

    /// <summary>A capture over the lab at <paramref name="labDir"/> and the binaries named per label in <paramref name="binaries"/>.</summary>
    public ConfigurationCapture(string labDir, IReadOnlyDictionary<string, string>? binaries = null, string? cacheDir = null)
    {
        _labDir = labDir;
        _binaries = binaries ?? new Dictionary<string, string>();
        _cacheDir = cacheDir ?? DefaultCacheDirectory();
    }

    /// <summary>How long one capture may take (start, migrate to a file, quit).</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public CapturedStream Capture(QemuProfile profile, Architecture architecture, HostSpec spec, string machine, string cpu)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(spec);
        var arch = architecture.Name();
        List<string> args;
        try
        {
            args = CaptureArguments.For(spec, machine, cpu);
        }
        catch (FormatException e)
        {
            return new CapturedStream(null, "", $"an option is neither key=value nor JSON: {e.Message}", RefusedByQemu: false);
        }
        if (Installation(profile, arch, out var why) is not { } inst) return new CapturedStream(null, "", why);
        var origin = $"QEMU {profile.Label} ({inst.BinaryFor(arch)}) started with {string.Join(' ', args)}";
        var cache = CacheFile(BuildIdOf(inst.BinaryFor(arch)), arch, args);
        if (File.Exists(cache))
        {
            try
            {
                using var f = File.OpenRead(cache);
                using var gz = new GZipStream(f, CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                return new CapturedStream(ms.ToArray(), origin + " (cached)", null);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                // A damaged cache entry is only a cache miss: capture again.
            }
        }
        var result = RunAsync(inst, arch, args, origin).GetAwaiter().GetResult();
        if (result.Bytes is { } bytes) Store(cache, bytes);
        return result;
    }

    private QemuInstallation? Installation(QemuProfile profile, string arch, out string why)
    {
        why = "";
        QemuInstallation? inst = null;
        if (_binaries.TryGetValue(profile.Label, out var program) && File.Exists(program))
            inst = QemuInstallation.ForBinary(program, arch, profile.Label, Path.Combine(_labDir, ".."));
        else if (Directory.Exists(_labDir))
            inst = QemuInstallation.LoadAll(_labDir).FirstOrDefault(i => i.Label == profile.Label && i.Binaries.ContainsKey(arch));
        if (inst is null)
        {
            why = $"no qemu-system-{arch} of QEMU {profile.Label} on this machine to start it with (install it in the lab with `tern lab install SUITE`, or name the binary instead of the label: '/usr/bin/qemu-system-{arch} -machine …')";
            return null;
        }
        var architecture = Architectures.Parse(arch) ?? throw new ArgumentException(Architectures.NotModelled(arch), nameof(arch));
        if (profile.BuildIds.TryGetValue(architecture, out var expected) && BuildIdOf(inst.BinaryFor(arch)) is var actual && actual != expected)
        {
            why = $"{inst.BinaryFor(arch)} is another build ({actual[..Math.Min(actual.Length, 19)]}) than the profile of QEMU {profile.Label} ({expected[..Math.Min(expected.Length, 19)]}): its devices may differ";
            return null;
        }
        return inst;
    }

    // sha256 of a 20–100 MB binary: once per binary and file state.
    private string BuildIdOf(string binary)
    {
        var info = new FileInfo(binary);
        var key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
        return _buildIds.GetOrAdd(key, _ => HostProfiler.BuildId(binary));
    }

    private static async Task<CapturedStream> RunAsync(QemuInstallation inst, string arch, List<string> args, string origin)
    {
        var dir = LabProcessRegistry.CreateOwnedTempDirectory("capture").FullName;
        var stream = Path.Combine(dir, "capture.stream");
        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await using var q = QemuProcess.Start(inst, arch, args);
            try
            {
                var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), cts.Token).ConfigureAwait(false);
                await qmp.MigrateAsync($"exec:cat > '{stream}'", cts.Token).ConfigureAwait(false);
                QmpMigrationInfo info;
                while (!(info = await qmp.QueryMigrateAsync(cts.Token).ConfigureAwait(false)).IsFinished)
                    await Task.Delay(10, cts.Token).ConfigureAwait(false);
                await q.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                if (info.Status != "completed")
                    return new CapturedStream(null, origin, $"QEMU could not save this configuration: {info.Status} {info.ErrorDescription}".TrimEnd());
            }
            catch (QemuStartException e) when (e.Exit.Signal != 9)
            {
                var stderr = q.Stderr.Where(l => l.Length > 0).ToList();
                var text = string.Join("\n", stderr.DefaultIfEmpty(e.Message));
                // A file, device node or ROM this machine lacks is this machine's, not the VM's: not QEMU's verdict on it.
                return new CapturedStream(null, origin, text, RefusedByQemu: !IsEnvironment(text));
            }
            catch (Exception e) when (e is QemuStartException or QmpException or OperationCanceledException or IOException)
            {
                return new CapturedStream(null, origin, $"the capture failed: {e.Message}");
            }
            using var input = File.OpenRead(stream);
            using var trimmed = new MemoryStream();
            try
            {
                StreamTrimmer.DropRamPages(input, trimmed);
            }
            catch (Wire.MigrationStreamException e)
            {
                return new CapturedStream(null, origin, $"the stream QEMU wrote cannot be read: {e.Message}");
            }
            return new CapturedStream(trimmed.ToArray(), origin, null);
        }
        catch (LabException e)
        {
            return new CapturedStream(null, origin, $"the capture failed: {e.Message}");
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    private static bool IsEnvironment(string stderr) =>
        stderr.Contains("No such file or directory", StringComparison.Ordinal)
        || stderr.Contains("Could not open", StringComparison.Ordinal)
        || stderr.Contains("Permission denied", StringComparison.Ordinal)
        || stderr.Contains("failed to find romfile", StringComparison.Ordinal)
        || stderr.Contains("Could not load ROM", StringComparison.Ordinal)
        || stderr.Contains("could not load", StringComparison.OrdinalIgnoreCase)
        || stderr.Contains("vfio", StringComparison.OrdinalIgnoreCase);

    private string CacheFile(string buildId, string arch, List<string> args)
    {
        var key = buildId + "\0" + arch + "\0" + string.Join('\0', args);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return Path.Combine(_cacheDir, $"{hash}.stream.gz");
    }

    private static void Store(string file, byte[] bytes)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var tmp = file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            using (var f = File.Create(tmp))
            using (var gz = new GZipStream(f, CompressionLevel.Fastest))
                gz.Write(bytes);
            File.Move(tmp, file, overwrite: true);
        }
        catch (IOException)
        {
            // A cache that cannot be written only costs the next check a capture.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary><c>$XDG_CACHE_HOME/tern/captures</c> (default <c>~/.cache/tern/captures</c>).</summary>
    public static string DefaultCacheDirectory()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "tern", "captures");
    }
}
