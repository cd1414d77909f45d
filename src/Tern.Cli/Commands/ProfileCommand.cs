using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Profiles;
using Tern.Platforms;

namespace Tern.Cli.Commands;

/// <summary><c>tern profile --qemu PATH</c> (learn a QEMU build) and <c>tern profile list</c> (every profile Tern can see).</summary>
internal static class ProfileCommand
{
    public static Command Create()
    {
        var qemu = new Option<string?>("--qemu") { Description = "The QEMU system emulator to profile (a system binary, an own build, a lab wrapper)." };
        var arch = new Option<string?>("--arch") { Description = "ppc64 or aarch64 (default: from the binary's name, qemu-system-ARCH)." };
        var label = new Option<string?>("--label") { Description = "The label specs will use (qemu-LABEL); default: the release QEMU reports, e.g. 11.1.3." };
        var machines = new Option<string?>("--machines") { Description = "all (default: every pseries-X.Y / virt-X.Y) or a comma-separated list of machine types." };
        var cpus = new Option<string?>("--cpus") { Description = "CPU models to sample on the newest machine type, comma-separated; key=value items are properties of the model before them, e.g. max,sve=off,cortex-a57 (default: every POWER server model; every model on aarch64)." };
        var output = new Option<string?>("--out", "-o") { Description = $"The profile file (default: {ProfileSearch.UserDirectory}/LABEL-ARCH{HostProfileFile.Extension})." };
        var update = new Option<string?>("--update") { Description = "Extend this profile: only machine types and CPU models it lacks are profiled; written back to it unless -o is given." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on standard output." };
        var cmd = new Command("profile", "Learn a QEMU build from its binary (machine types, CPU models, caps, -dump-vmstate, real sample streams) into a host profile that tern check reads.")
        {
            qemu, arch, label, machines, cpus, output, update, json,
        };
        cmd.Subcommands.Add(CreateList());
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            var path = r.GetValue(qemu) ?? throw new UsageException("profile: give --qemu PATH (or: tern profile list)");
            if (!File.Exists(path)) throw new UsageException($"profile: {path}: no such file");
            var a = r.GetValue(arch) ?? ArchOf(path) ?? throw new UsageException($"profile: cannot tell the target from '{Path.GetFileName(path)}': give --arch {string.Join('|', Architectures.Names)}");
            if (Architectures.Parse(a) is null) throw new UsageException($"--arch must be {Architectures.NamesText}");
            var existing = r.GetValue(update) is { } u ? HostProfileFile.Read(u) : null;
            var inst = QemuInstallation.ForBinary(path, a, r.GetValue(label) ?? existing?.Label ?? Path.GetFileName(path), Path.Combine(LabDirectory.Default, ".."));
            var options = Options(a, r.GetValue(label), r.GetValue(machines), r.GetValue(cpus), existing);
            return await RunAsync(inst, options, r.GetValue(output) ?? r.GetValue(update), r.GetValue(json), ct).ConfigureAwait(false);
        }));
        return cmd;
    }

    /// <summary>Profiles and writes; shared with <c>tern lab profile</c>.</summary>
    public static async Task<int> RunAsync(QemuInstallation inst, HostProfilerOptions options, string? output, bool json, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var profile = await HostProfiler.ProfileAsync(inst, options, ct).ConfigureAwait(false);
        if (options.Label is null && options.Existing is null && inst.Loader.Length == 0) profile = profile with { Label = profile.Qemu.Version };
        var file = output ?? Path.Combine(ProfileSearch.UserDirectory, $"{profile.Label}-{profile.Arch}{HostProfileFile.Extension}");
        HostProfileFile.Write(profile, file);
        var seconds = clock.Elapsed.TotalSeconds;
        var errors = profile.Samples.Count(s => s.Error is not null);
        Console.Error.WriteLine($"profile of QEMU {profile.Qemu.Version} ({profile.Arch}) as qemu-{profile.Label}: {profile.Machines.Count} machine types, {profile.Samples.Count} samples ({errors} refused by QEMU), {profile.Dumps.Count} distinct dumps in {seconds:F1} s → {file}");
        if (json)
        {
            using var stdout = Console.OpenStandardOutput();
            using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("file", Path.GetFullPath(file));
            w.WriteString("label", profile.Label);
            w.WriteString("arch", profile.Arch);
            w.WriteString("version", profile.Qemu.Version);
            w.WriteString("buildId", profile.Qemu.BuildId);
            w.WriteNumber("machines", profile.Machines.Count);
            w.WriteNumber("cpuModels", profile.CpuModels.Count);
            w.WriteNumber("samples", profile.Samples.Count);
            w.WriteNumber("refused", errors);
            w.WriteNumber("dumps", profile.Dumps.Count);
            w.WriteNumber("seconds", Math.Round(seconds, 2));
            w.WriteEndObject();
            w.Flush();
            stdout.Write("\n"u8);
        }
        return ExitCodes.Ok;
    }

    /// <summary>The profiler options from the command line's strings.</summary>
    public static HostProfilerOptions Options(string arch, string? label, string? machines, string? cpus, HostProfile? existing)
    {
        static List<string>? Split(string? s) => s?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        return new HostProfilerOptions
        {
            Arch = arch, Label = label, Machines = machines is null or "all" ? null : Split(machines), Cpus = CpuModels(cpus), Existing = existing,
            Log = Console.Error.WriteLine,
        };
    }

    /// <summary>
    /// The CPU models of <c>--cpus</c>: comma-separated, where a <c>key=value</c> item is a property of the model before it
    /// (<c>max,sve=off,cortex-a57</c> is <c>max,sve=off</c> and <c>cortex-a57</c>): a <c>-cpu</c> model name never holds '='.
    /// </summary>
    internal static List<string>? CpuModels(string? cpus)
    {
        if (cpus is null) return null;
        var models = new List<string>();
        foreach (var item in cpus.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (item.Contains('=', StringComparison.Ordinal) && models.Count > 0) models[^1] += "," + item;
            else if (item.Contains('=', StringComparison.Ordinal)) throw new UsageException($"--cpus: '{item}' is a CPU property with no model before it (e.g. max,{item})");
            else models.Add(item);
        }
        return models;
    }

    /// <summary>The target of a <c>qemu-system-ARCH</c> binary Tern models, from its file name, or null.</summary>
    internal static string? ArchOf(string path) => Architectures.OfProgram(path)?.Name();

    private static Command CreateList()
    {
        var dirs = new Option<string[]>("--profiles") { Description = "Also search this directory (repeatable)." };
        var json = new Option<bool>("--json") { Description = "Print the list as JSON." };
        var cmd = new Command("list", "List every profile Tern can see, where it was found and its provenance, in the order a label is resolved.") { dirs, json };
        cmd.SetAction(r =>
        {
            var search = KnowledgeOptions.Search([], r.GetValue(dirs) ?? []);
            var embedded = Knowledge.KnowledgeBase.Default;
            if (r.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                w.WriteStartArray();
                foreach (var (h, origin) in search.Entries)
                {
                    w.WriteStartObject();
                    w.WriteString("label", h.Label); w.WriteString("arch", h.Arch); w.WriteString("version", h.Version);
                    w.WriteString("buildId", h.BuildId); w.WriteString("provenance", h.Provenance); w.WriteString("origin", origin); w.WriteString("file", h.Path);
                    w.WriteEndObject();
                }
                foreach (var l in embedded.Labels)
                {
                    var p = embedded.Find(l)!;
                    w.WriteStartObject();
                    w.WriteString("label", p.Label); w.WriteString("version", p.Version.ToString()); w.WriteString("provenance", p.Provenance); w.WriteString("origin", "embedded");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.Flush();
                stdout.Write("\n"u8);
                return ExitCodes.Ok;
            }
            foreach (var (h, origin) in search.Entries)
                Console.WriteLine($"qemu-{h.Label,-10} {h.Arch,-8} {h.Provenance,-9} {origin,-18} {h.Path}");
            foreach (var l in embedded.Labels)
            {
                var p = embedded.Find(l)!;
                Console.WriteLine($"qemu-{p.Label,-10} {string.Join(",", p.Arches.Keys.Select(k => k.Name())),-8} {p.Provenance,-9} {"embedded",-18} {p.Source}");
            }
            return ExitCodes.Ok;
        });
        return cmd;
    }
}
