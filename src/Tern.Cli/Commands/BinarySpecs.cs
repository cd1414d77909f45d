using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Profiles;
using Tern.Platforms;

namespace Tern.Cli.Commands;

/// <summary>
/// Specs that name a QEMU binary instead of a label (<c>/usr/bin/qemu-system-ppc64 -machine pseries-10.0</c>): the
/// binary is profiled once, for the machine type and CPU the spec names (a later spec naming others extends the same
/// profile), and the profile is cached under <c>~/.cache/tern/profiles</c> by the binary's path, size and mtime.
/// </summary>
internal static class BinarySpecs
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> ProgramsByLabel = new(StringComparer.Ordinal);

    /// <summary>The binaries resolved so far, by the label their profile carries: what a configuration capture runs for that label.</summary>
    public static IReadOnlyDictionary<string, string> Programs => ProgramsByLabel;

    /// <summary>The spec with the binary replaced by its profile's label, and that profile's file; the spec unchanged when it has a label.</summary>
    public static (string Spec, string? ProfileFile) Resolve(string spec)
    {
        if (HostSpecParser.SplitProgram(spec) is not { } split) return (spec, null);
        var (program, args) = split;
        if (!File.Exists(program)) throw new UsageException($"{program}: no such QEMU binary");
        var arch = ProfileCommand.ArchOf(program)
            ?? throw new UsageException($"{program}: Tern models qemu-system-ppc64 and qemu-system-aarch64, not {Path.GetFileName(program)}");
        var bare = HostSpecParser.FromArguments("0.0", args);
        var file = CacheFile(program, arch);
        var existing = File.Exists(file) ? HostProfileFile.Read(file) : null;
        var machine = bare.Machine is { } m && existing?.Machines.FirstOrDefault(x => x.Alias == m) is { } aliased ? aliased.Name : bare.Machine;
        var haveMachine = existing is not null && (machine is null || existing.Samples.Any(s => s.Machine == machine && s.Cpu is null));
        var haveCpu = bare.Cpu is null || (existing?.Samples.Any(s => s.Cpu == bare.Cpu) ?? false);
        if (existing is null || !haveMachine || !haveCpu)
        {
            Console.Error.WriteLine($"tern: profiling {program} once ({machine ?? "its default machine"}{(bare.Cpu is null ? "" : ", -cpu " + bare.Cpu)}); cached in {file}");
            var inst = QemuInstallation.ForBinary(program, arch, existing?.Label ?? Path.GetFileName(program), Path.Combine(LabDirectory.Default, ".."));
            var machines = machine is null ? null : new[] { machine }.Concat(existing?.Samples.Select(s => s.Machine) ?? []).Distinct().ToList();
            var profile = HostProfiler.ProfileAsync(inst, new HostProfilerOptions
            {
                Arch = arch, Existing = existing, Machines = machines, Cpus = bare.Cpu is null ? [] : [bare.Cpu],
            }).GetAwaiter().GetResult();
            if (existing is null) profile = profile with { Label = profile.Qemu.Version };
            HostProfileFile.Write(profile, file);
            existing = profile;
        }
        ProgramsByLabel[existing.Label] = Path.GetFullPath(program);
        var rest = string.Join(' ', args.Select(Quote));
        return ($"qemu-{existing.Label} {rest}", file);
    }

    private static string CacheFile(string program, string arch)
    {
        var info = new FileInfo(Path.GetFullPath(program));
        var key = string.Create(CultureInfo.InvariantCulture, $"{info.FullName}|{info.Length}|{info.LastWriteTimeUtc.Ticks}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache)) cache = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(cache, "tern", "profiles", $"binary-{hash}-{arch}{HostProfileFile.Extension}");
    }

    private static string Quote(string a) => a.Any(char.IsWhiteSpace) ? "'" + a + "'" : a;
}
