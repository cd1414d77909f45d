using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Qmp;
using Tern.Platforms;
using Tern.Platforms.Machines;
using Tern.Targets;
using Tern.Wire;

namespace Tern.Lab.Profiles;

/// <summary>
/// Learns a host profile (<c>tern-profile/1</c>) from one QEMU system emulator without booting a guest: the machine
/// types and CPU models it registers (QMP), POWER PVRs and aliases (<c>-cpu help</c>), and per machine type its
/// <c>-dump-vmstate</c>, the effective spapr caps (<c>qom-get</c>) and a real page-less stream of the bare paused
/// machine (<c>-S</c>, TCG), plus a stream per CPU model on the newest machine type. QEMU processes run in parallel.
/// </summary>
public static partial class HostProfiler
{
    private static readonly string[] BaseArgs = ["-nodefaults", "-nographic", "-S", "-accel", "tcg", "-m", "256"];

    /// <summary>Profiles <paramref name="installation"/>'s binary for <see cref="HostProfilerOptions.Arch"/>.</summary>
    public static async Task<HostProfile> ProfileAsync(QemuInstallation installation, HostProfilerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Log ?? (_ => { });
        var arch = options.Arch;
        var binary = installation.BinaryFor(arch);

        log($"QEMU {installation.Label} {arch}: query-version, query-machines, query-cpu-definitions");
        QmpVersion version;
        IReadOnlyList<QmpMachine> machines;
        IReadOnlyList<QmpCpuDefinition> cpus;
        await using (var q = QemuProcess.Start(installation, arch, ["-nodefaults", "-nographic", "-S", "-machine", "none"]))
        {
            var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            version = await qmp.QueryVersionAsync(cancellationToken).ConfigureAwait(false);
            machines = (await qmp.QueryMachinesAsync(cancellationToken).ConfigureAwait(false)).OrderBy(m => m.Name, VersionLabelComparer.Instance).ToList();
            cpus = (await qmp.QueryCpuDefinitionsAsync(cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            await q.QuitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        var target = Target.For(Architectures.Parse(arch) ?? throw new ArgumentException(Architectures.NotModelled(arch), nameof(arch)));
        var models = await CpuModelsAsync(installation, target, cpus, cancellationToken).ConfigureAwait(false);
        var aliasOf = models.Where(m => m.AliasOf is not null).ToDictionary(m => m.Name, m => m.AliasOf!, StringComparer.Ordinal);

        var family = target.MachineFamily;
        var familyMachines = machines.Where(m => MachineType.TryParse(m.Name) is { } mt && mt.Family == family).Select(m => m.Name).ToList();
        var wanted = options.Machines?.ToList() ?? familyMachines;
        foreach (var m in wanted)
            if (!machines.Any(x => x.Name == m)) throw new LabException($"QEMU {installation.Label} {arch} has no machine type '{m}' (it has {string.Join(", ", familyMachines)})");
        var newest = familyMachines.LastOrDefault(m => wanted.Contains(m)) ?? wanted.LastOrDefault();
        var sampleCpus = options.Cpus?.ToList() ?? models.Where(m => m.AliasOf is null && target.ProfilesCpuModel(m)).Select(m => m.Name).ToList();

        // The work: one dump and one default-CPU sample per machine type, one sample per CPU model on the newest.
        var existing = options.Existing;
        var samples = new ConcurrentBag<ProfileSample>(existing?.Samples ?? []);
        var dumps = new ConcurrentDictionary<string, ProfileDump>((existing?.Dumps ?? []).ToDictionary(d => d.Sha256));
        var machineDump = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in existing?.Machines ?? []) if (m.Dump is { } d) machineDump[m.Name] = d;
        var have = new HashSet<(string, string?)>((existing?.Samples ?? []).Where(s => s.Error is null).Select(s => (s.Machine, s.Cpu)));
        var jobs = new List<Func<CancellationToken, Task>>();
        foreach (var m in wanted)
        {
            if (!machineDump.ContainsKey(m)) jobs.Add(ct => DumpAsync(installation, arch, m, dumps, machineDump, log, ct));
            if (!have.Contains((m, null))) jobs.Add(ct => SampleAsync(installation, target, m, null, DefaultCpu(machines, m), samples, log, ct));
        }
        if (newest is not null)
            foreach (var c in sampleCpus.Where(c => !have.Contains((newest, c))))
                jobs.Add(ct => SampleAsync(installation, target, newest, c, aliasOf.GetValueOrDefault(c) ?? c, samples, log, ct));
        foreach (var (m, c) in options.Pairs.Distinct().Where(p => !have.Contains((p.Machine, p.Cpu)) && !(p.Machine == newest && sampleCpus.Contains(p.Cpu))))
            jobs.Add(ct => SampleAsync(installation, target, m, c, aliasOf.GetValueOrDefault(c) ?? c, samples, log, ct));
        // Samples replaced by a new one of the same machine and CPU (an --update retrying a failed one) are dropped below.
        log($"  {wanted.Count} machine types, {sampleCpus.Count} CPU models: {jobs.Count} QEMU runs, {Math.Max(1, options.Parallelism)} at a time");
        await Parallel.ForEachAsync(jobs, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = cancellationToken },
            async (job, ct) => await job(ct).ConfigureAwait(false)).ConfigureAwait(false);

        if (jobs.Count > 0 && !samples.IsEmpty && samples.All(s => s.Error is not null))
            throw new LabException($"profile of QEMU {installation.Label} {arch}: QEMU refused every sample, e.g. {samples.First().Machine}: {samples.First().Error!.Split('\n')[0]}");
        var sampleList = samples.GroupBy(s => (s.Machine, s.Cpu)).Select(g => g.OrderBy(s => s.Error is null ? 0 : 1).First())
            .OrderBy(s => s.Machine, VersionLabelComparer.Instance).ThenBy(s => s.Cpu ?? "", StringComparer.Ordinal).ToList();
        var machineList = machines.Select(m => new ProfileMachine
        {
            Name = m.Name, Alias = m.Alias, IsDefault = m.IsDefault, Deprecated = m.Deprecated, DefaultCpu = CpuModelOf(m.DefaultCpuType) ?? sampleList.FirstOrDefault(s => s.Machine == m.Name && s.Cpu is null)?.ResolvedCpu,
            CpuMax = m.CpuMax, Caps = sampleList.FirstOrDefault(s => s.Machine == m.Name && s.Cpu is null)?.Caps ?? new Dictionary<string, string>(),
            Dump = machineDump.GetValueOrDefault(m.Name),
        }).ToList();
        var used = machineList.Select(m => m.Dump).Where(d => d is not null).ToHashSet();
        return new HostProfile
        {
            Format = HostProfile.CurrentFormat,
            Provenance = "measured",
            Label = options.Label ?? existing?.Label ?? installation.Label,
            Arch = arch,
            Qemu = new QemuBuild
            {
                Version = string.Create(CultureInfo.InvariantCulture, $"{version.Major}.{version.Minor}.{version.Micro}"),
                Package = version.Package.Trim(),
                BuildId = BuildId(binary),
                Binary = binary,
            },
            GeneratedAt = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            Generator = "tern profile",
            Machines = machineList,
            CpuModels = models,
            Samples = sampleList,
            Dumps = dumps.Values.Where(d => used.Contains(d.Sha256)).OrderBy(d => d.Sha256, StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary><c>sha256:HEX</c> of the ELF that runs: the file itself, or for a wrapper script the QEMU binary it execs.</summary>
    public static string BuildId(string binary)
    {
        ArgumentNullException.ThrowIfNull(binary);
        var path = binary;
        var head = new byte[2];
        using (var f = File.OpenRead(binary)) _ = f.Read(head);
        if (head[0] == '#' && head[1] == '!')
        {
            // A wrapper (the lab's, a distribution's): the last quoted qemu-system path it names is the binary.
            var target = WrappedBinary().Matches(File.ReadAllText(binary)).Select(m => m.Groups[1].Value).LastOrDefault(File.Exists);
            if (target is not null) path = target;
        }
        using var s = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(s));
    }

    /// <summary>The <c>-cpu</c> name of a QOM CPU type: <c>power9_v2.0-powerpc64-cpu</c> → <c>power9_v2.0</c>, <c>cortex-a15-arm-cpu</c> → <c>cortex-a15</c>.</summary>
    public static string? CpuModelOf(string? typeName)
    {
        if (typeName is null) return null;
        foreach (var suffix in new[] { "-powerpc64-cpu", "-powerpc-cpu", "-arm-cpu", "-" + "aarch64-cpu", "-x86_64-cpu", "-s390x-cpu" })
            if (typeName.EndsWith(suffix, StringComparison.Ordinal)) return typeName[..^suffix.Length];
        return typeName;
    }

    private static string? DefaultCpu(IReadOnlyList<QmpMachine> machines, string machine) =>
        CpuModelOf(machines.FirstOrDefault(m => m.Name == machine)?.DefaultCpuType);

    private static async Task<IReadOnlyList<ProfileCpuModel>> CpuModelsAsync(QemuInstallation inst, ITarget target, IReadOnlyList<QmpCpuDefinition> defs, CancellationToken ct)
    {
        IReadOnlyList<ProfileCpuModel> list = [.. defs.Select(d => new ProfileCpuModel { Name = d.Name, AliasOf = d.AliasOf, Deprecated = d.Deprecated })];
        if (!target.CpuHelpAddsFacts) return list;
        await using var q = QemuProcess.Start(inst, target.Architecture.Name(), ["-cpu", "help"]);
        await q.WaitForExitAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        return target.WithCpuHelp(list, q.Stdout);
    }

    private static async Task DumpAsync(QemuInstallation inst, string arch, string machine, ConcurrentDictionary<string, ProfileDump> dumps,
        ConcurrentDictionary<string, string> machineDump, Action<string> log, CancellationToken ct)
    {
        var dir = LabProcessRegistry.CreateOwnedTempDirectory("profile").FullName;
        try
        {
            var file = Path.Combine(dir, "dump.json");
            await using var q = QemuProcess.Start(inst, arch, ["-nodefaults", "-nographic", "-machine", machine, "-accel", "tcg", "-dump-vmstate", file]);
            var exit = await q.WaitForExitAsync(TimeSpan.FromSeconds(60), ct).ConfigureAwait(false);
            if (!File.Exists(file)) throw new LabException($"profile of QEMU {inst.Label} {arch}: -machine {machine} -dump-vmstate wrote nothing ({exit}; {string.Join(" ", q.Stderr)})");
            byte[] bytes;
            try
            {
                bytes = WithoutMachineKey(await File.ReadAllBytesAsync(file, ct).ConfigureAwait(false));
            }
            catch (JsonException)
            {
                // Real: QEMU 5.2's qemu-system-ppc64 segfaults half-way through -dump-vmstate. No dump is better than half a one.
                log($"  {machine}: -dump-vmstate wrote no valid JSON ({exit}); this machine type has no dump in the profile");
                return;
            }
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            dumps.GetOrAdd(sha, s => new ProfileDump { Sha256 = s, Data = Gzip(bytes) });
            machineDump[machine] = sha;
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
    }

    // The dump names its machine type (vmschkmachine, kept as "any") and is otherwise the same for every machine type of a binary:
    // without that key, one copy serves them all (the profile's machines say which type is which).
    private static byte[] WithoutMachineKey(byte[] dump)
    {
        using var doc = JsonDocument.Parse(dump);
        using var ms = new MemoryStream(dump.Length);
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                if (p.Name != VmstateDumpMachineKey) { p.WriteTo(w); continue; }
                w.WriteStartObject(p.Name);
                w.WriteString("Name", "any");
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        return ms.ToArray();
    }

    private const string VmstateDumpMachineKey = Schema.VmstateDumpLoader.MachineKey;

    private static async Task SampleAsync(QemuInstallation inst, ITarget target, string machine, string? cpu, string? resolvedCpu,
        ConcurrentBag<ProfileSample> samples, Action<string> log, CancellationToken ct)
    {
        var arch = target.Architecture.Name();
        var args = new List<string>(BaseArgs) { "-machine", machine };
        if (cpu is not null) { args.Add("-cpu"); args.Add(cpu); }
        var what = $"{machine} {cpu ?? "(default CPU)"}";
        var dir = LabProcessRegistry.CreateOwnedTempDirectory("profile").FullName;
        var stream = Path.Combine(dir, "sample.stream");
        var sample = new ProfileSample { Machine = machine, Cpu = cpu, ResolvedCpu = resolvedCpu, Args = args };
        try
        {
            await using var q = QemuProcess.Start(inst, arch, args);
            try
            {
                var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                var caps = new SortedDictionary<string, string>(StringComparer.Ordinal);
                if (target.SampledMachinePropertyPrefix is { } prefix)
                {
                    foreach (var p in await qmp.QomListPropertiesAsync(machine + "-machine", ct).ConfigureAwait(false))
                    {
                        if (!p.Name.StartsWith(prefix, StringComparison.Ordinal)) continue;
                        try { caps[p.Name] = CapText(await qmp.QomGetAsync("/machine", p.Name, ct).ConfigureAwait(false)); }
                        catch (QmpErrorException) { /* write-only */ }
                    }
                }
                // query-machines of newer QEMUs names no default CPU type for some machines (virt in 11.1): the CPU the
                // machine instantiated is the answer.
                if (cpu is null && sample.ResolvedCpu is null)
                    sample = sample with { ResolvedCpu = await InstantiatedCpuAsync(qmp, ct).ConfigureAwait(false) };
                await qmp.MigrateAsync($"exec:cat > '{stream}'", ct).ConfigureAwait(false);
                QmpMigrationInfo info;
                while (!(info = await qmp.QueryMigrateAsync(ct).ConfigureAwait(false)).IsFinished)
                    await Task.Delay(10, ct).ConfigureAwait(false);
                await q.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                try
                {
                    sample = info.Status != "completed"
                        ? sample with { Caps = caps, Error = $"migrate: {info.Status} {info.ErrorDescription}" }
                        : FromStream(sample with { Caps = caps }, stream);
                }
                catch (MigrationStreamException e)
                {
                    // e.g. old machine types whose compat properties drop the vmdesc: not usable as a template.
                    sample = sample with { Caps = caps, Error = $"the stream cannot be read without a vmdesc: {e.Message}" };
                }
                log($"  {what}: {(sample.Error is null ? $"{sample.Sections.Count} sections" : sample.Error)}");
            }
            catch (QemuStartException e) when (e.Exit.Signal != 9)
            {
                // QEMU refused the options: that refusal, with QEMU's own stderr, is the sample's result.
                sample = sample with { Error = string.Join("\n", q.Stderr.Where(l => l.Length > 0).DefaultIfEmpty(e.Message)) };
                log($"  {what}: refused: {sample.Error.Split('\n')[0]}");
            }
            catch (Exception e) when (e is QemuStartException or QmpConnectionClosedException)
            {
                // SIGKILL is never QEMU's own doing: the run is broken, not the configuration (one line, no half profile).
                throw new LabException($"profile of QEMU {inst.Label} {arch}, sample {what}: {e.Message}", e);
            }
        }
        finally
        {
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
        }
        samples.Add(sample);
    }

    private static async Task<string?> InstantiatedCpuAsync(QmpClient qmp, CancellationToken ct)
    {
        try
        {
            var cpus = await qmp.ExecuteAsync("query-cpus-fast", cancellationToken: ct).ConfigureAwait(false);
            if (cpus.ValueKind != JsonValueKind.Array) return null;
            foreach (var c in cpus.EnumerateArray())
                if (c.TryGetProperty("qom-type", out var t) && t.GetString() is { } type) return CpuModelOf(type);
            return null;
        }
        catch (QmpErrorException)
        {
            return null;
        }
    }

    private static ProfileSample FromStream(ProfileSample sample, string stream)
    {
        var read = StreamSample.Read(stream);
        using var trimmed = new MemoryStream();
        using (var input = File.OpenRead(stream)) StreamTrimmer.DropRamPages(input, trimmed);
        var subsections = read.VmDescriptionJson is { } vmdesc
            ? TemplateSubsections.Collect(VmDescription.Parse(vmdesc))
            : new SortedDictionary<string, uint>(StringComparer.Ordinal);
        return sample with
        {
            StreamBytes = read.StreamBytes,
            Sections = read.Sections.Select(s => new ProfileSection(s.IdStr, s.Instance, s.Version)).ToList(),
            Subsections = subsections,
            CpregIndexes = read.CpregIndexes?.Select(Hex).ToList(),
            CpregValues = read.CpregValues?.Select(Hex).ToList(),
            Template = Gzip(trimmed.ToArray()),
        };
    }

    private static string Hex(ulong v) => "0x" + v.ToString("x16", CultureInfo.InvariantCulture);

    // Caps as QEMU's command line spells them: on/off, the tristate names, sizes in bytes.
    private static string CapText(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.True => "on",
        JsonValueKind.False => "off",
        JsonValueKind.String => v.GetString()!,
        _ => v.GetRawText(),
    };

    private static byte[] Gzip(byte[] bytes)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(bytes);
        return ms.ToArray();
    }

    [GeneratedRegex(@"'(/[^']*/qemu-system-[A-Za-z0-9_]+)'", RegexOptions.CultureInvariant)]
    private static partial Regex WrappedBinary();
}
