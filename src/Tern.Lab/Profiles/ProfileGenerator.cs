using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tern.Lab.Installation;
using Tern.Lab.Migration;
using Tern.Lab.Processes;
using Tern.Lab.Qmp;

namespace Tern.Lab.Profiles;

/// <summary>
/// Builds a JSON profile (<c>tern-lab-profile/1</c>, docs/lab.md) of one installed QEMU and guest architecture from
/// the QEMU itself: machine types and default CPUs (<c>query-machines</c>), CPU models (<c>query-cpu-definitions</c>),
/// machine properties with their defaults (<c>qom-list-properties</c> on the machine type, and the values
/// <c>qom-get</c> reads on <c>/machine</c> of a started machine), and per sampled machine type and CPU a real
/// stream's vmdesc and section list (and, on aarch64, CPU 0's cpreg index/value lists).
/// </summary>
public static partial class ProfileGenerator
{
    /// <summary>The profile format identifier.</summary>
    public const string Format = "tern-lab-profile/1";

    private static readonly string[] BaseArgs = ["-nodefaults", "-nographic", "-S", "-accel", "tcg", "-m", "256"];

    /// <summary>The default machines to sample: the versioned <c>pseries</c>/<c>virt</c> types for 5.2 and 7.2 (when present) and the newest one.</summary>
    public static IReadOnlyList<string> DefaultMachines(string arch, IReadOnlyList<QmpMachine> machines)
    {
        ArgumentNullException.ThrowIfNull(machines);
        var family = arch == "ppc64" ? "pseries" : "virt";
        var versioned = machines.Select(m => m.Name).Where(n => Versioned().Match(n) is { Success: true } m && m.Groups[1].Value == family)
            .OrderBy(n => n, VersionLabelComparer.Instance).ToList();
        var pick = new List<string>();
        foreach (var v in new[] { "5.2", "7.2" })
            if (versioned.Contains($"{family}-{v}")) pick.Add($"{family}-{v}");
        if (versioned.Count > 0 && !pick.Contains(versioned[^1])) pick.Add(versioned[^1]);
        return pick;
    }

    /// <summary>Generates the profile and returns it as indented UTF-8 JSON.</summary>
    public static async Task<byte[]> GenerateAsync(QemuInstallation installation, ProfileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(installation);
        ArgumentNullException.ThrowIfNull(options);
        var log = options.Log ?? (_ => { });
        installation.BinaryFor(options.Arch);

        QmpVersion version;
        IReadOnlyList<QmpMachine> machines;
        IReadOnlyList<QmpCpuDefinition> cpus;
        var machineTypeProps = new Dictionary<string, IReadOnlyList<QmpObjectProperty>>(StringComparer.Ordinal);
        List<string> sampleMachines;
        log($"QEMU {installation.Label} {options.Arch}: query-version, query-machines, query-cpu-definitions");
        await using (var q = QemuProcess.Start(installation, options.Arch, ["-nodefaults", "-nographic", "-S", "-machine", "none"]))
        {
            var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            version = await qmp.QueryVersionAsync(cancellationToken).ConfigureAwait(false);
            machines = (await qmp.QueryMachinesAsync(cancellationToken).ConfigureAwait(false)).OrderBy(m => m.Name, VersionLabelComparer.Instance).ToList();
            cpus = (await qmp.QueryCpuDefinitionsAsync(cancellationToken).ConfigureAwait(false)).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            sampleMachines = (options.Machines ?? DefaultMachines(options.Arch, machines)).ToList();
            foreach (var m in sampleMachines)
            {
                try
                {
                    machineTypeProps[m] = await qmp.QomListPropertiesAsync(m + "-machine", cancellationToken).ConfigureAwait(false);
                }
                catch (QmpErrorException e)
                {
                    log($"  qom-list-properties {m}-machine: {e.Description}");
                }
            }
            await q.QuitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }

        IReadOnlyList<string?> sampleCpus = options.Cpus?.Select(c => (string?)c).ToList() ?? (options.Arch == "aarch64" ? ["cortex-a57", "max"] : [null]);
        var work = LabProcessRegistry.CreateOwnedTempDirectory("profile").FullName;
        using var ms = new MemoryStream();
        try
        {
            using var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("generatedAt", DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            w.WriteString("generator", "tern lab profile");
            w.WriteStartObject("qemu");
            w.WriteString("label", installation.Label);
            w.WriteString("suite", installation.Suite);
            w.WriteString("debianVersion", installation.DebianVersion);
            w.WriteStartObject("queryVersion");
            w.WriteNumber("major", version.Major);
            w.WriteNumber("minor", version.Minor);
            w.WriteNumber("micro", version.Micro);
            w.WriteString("package", version.Package.Trim());
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("arch", options.Arch);
            w.WriteString("defaultMachine", machines.FirstOrDefault(m => m.IsDefault)?.Name);

            w.WriteStartArray("machines");
            foreach (var m in machines)
            {
                w.WriteStartObject();
                w.WriteString("name", m.Name);
                w.WriteString("alias", m.Alias);
                w.WriteBoolean("isDefault", m.IsDefault);
                w.WriteString("defaultCpuType", m.DefaultCpuType);
                w.WriteString("defaultCpu", CpuModelOf(m.DefaultCpuType));
                w.WriteBoolean("deprecated", m.Deprecated);
                w.WriteNumber("cpuMax", m.CpuMax);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("cpuModels");
            foreach (var c in cpus)
            {
                w.WriteStartObject();
                w.WriteString("name", c.Name);
                w.WriteString("typename", c.TypeName);
                w.WriteString("aliasOf", c.AliasOf);
                w.WriteBoolean("deprecated", c.Deprecated);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            w.WriteStartArray("samples");
            foreach (var machine in sampleMachines)
            {
                foreach (var cpu in sampleCpus)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    log($"  sampling {machine}{(cpu is null ? "" : " -cpu " + cpu)}");
                    try
                    {
                        await WriteSampleAsync(w, installation, options.Arch, machine, cpu, machineTypeProps.GetValueOrDefault(machine) ?? [], work, cancellationToken).ConfigureAwait(false);
                    }
                    catch (QmpConnectionClosedException e)
                    {
                        // QEMU died under a command (e.g. killed from outside): one line naming the sample, not a half profile.
                        throw new LabException($"profile of QEMU {installation.Label} {options.Arch}, sample {machine} {cpu ?? "(default CPU)"}: {e.Message}", e);
                    }
                }
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
        return ms.ToArray();
    }

    private static async Task WriteSampleAsync(Utf8JsonWriter w, QemuInstallation inst, string arch, string machine, string? cpu,
        IReadOnlyList<QmpObjectProperty> typeProps, string work, CancellationToken ct)
    {
        var args = new List<string>(BaseArgs) { "-machine", machine };
        if (cpu is not null) { args.Add("-cpu"); args.Add(cpu); }
        var stream = Path.Combine(work, "sample.stream");
        w.WriteStartObject();
        w.WriteString("machine", machine);
        w.WriteString("cpu", cpu);
        w.WriteStartArray("args");
        foreach (var a in args) w.WriteStringValue(a);
        w.WriteEndArray();
        await using var q = QemuProcess.Start(inst, arch, args);
        try
        {
            var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            // Machine properties: the type's declared defaults and the values the running machine has.
            w.WriteStartObject("machineProperties");
            foreach (var p in typeProps.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (p.Type.StartsWith("link<", StringComparison.Ordinal) || p.Type.StartsWith("child<", StringComparison.Ordinal)) continue;
                w.WriteStartObject(p.Name);
                w.WriteString("type", p.Type);
                if (p.Description is not null) w.WriteString("description", p.Description);
                if (p.DefaultValue is JsonElement dv) { w.WritePropertyName("typeDefault"); dv.WriteTo(w); }
                try
                {
                    var value = await qmp.QomGetAsync("/machine", p.Name, ct).ConfigureAwait(false);
                    w.WritePropertyName("value");
                    value.WriteTo(w);
                }
                catch (QmpErrorException)
                {
                    // Write-only or unreadable property.
                }
                w.WriteEndObject();
            }
            w.WriteEndObject();
            await qmp.MigrateAsync($"exec:cat > '{stream}'", ct).ConfigureAwait(false);
            QmpMigrationInfo info;
            while (!(info = await qmp.QueryMigrateAsync(ct).ConfigureAwait(false)).IsFinished)
                await Task.Delay(20, ct).ConfigureAwait(false);
            await q.QuitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (info.Status != "completed")
            {
                w.WriteString("error", $"migrate: {info.Status} {info.ErrorDescription}");
            }
            else
            {
                var sample = StreamSample.Read(stream);
                w.WriteNumber("streamBytes", sample.StreamBytes);
                w.WriteStartArray("sections");
                foreach (var (idstr, instance, ver) in sample.Sections)
                {
                    w.WriteStartObject();
                    w.WriteString("idstr", idstr);
                    w.WriteNumber("instance", instance);
                    w.WriteNumber("version", ver);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (sample.CpregIndexes is not null)
                {
                    w.WriteStartObject("cpregs");
                    w.WriteNumber("count", sample.CpregIndexes.Count);
                    w.WriteStartArray("indexes");
                    foreach (var i in sample.CpregIndexes) w.WriteStringValue("0x" + i.ToString("x16", CultureInfo.InvariantCulture));
                    w.WriteEndArray();
                    w.WriteStartArray("values");
                    foreach (var v in sample.CpregValues ?? []) w.WriteStringValue("0x" + v.ToString("x16", CultureInfo.InvariantCulture));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                if (sample.VmDescriptionJson is not null)
                {
                    using var doc = JsonDocument.Parse(sample.VmDescriptionJson);
                    w.WritePropertyName("vmdesc");
                    doc.RootElement.WriteTo(w);
                }
            }
        }
        catch (QemuStartException e) when (e.Exit.Signal != 9)
        {
            // QEMU refused the options (or crashed starting): that is the sample's result. SIGKILL is never QEMU's own
            // doing, so a QEMU killed at start-up is the caller's error (one line naming the sample), not data.
            w.WriteString("error", e.Message);
        }
        catch (QemuStartException e)
        {
            throw new LabException($"profile of QEMU {inst.Label} {arch}, sample {machine} {cpu ?? "(default CPU)"}: {e.Message}", e);
        }
        w.WriteStartArray("stderr");
        foreach (var l in q.Stderr) w.WriteStringValue(l);
        w.WriteEndArray();
        w.WriteEndObject();
        try { File.Delete(stream); } catch (IOException) { }
    }

    /// <summary>The <c>-cpu</c> name of a QOM CPU type: <c>power9_v2.0-powerpc64-cpu</c> → <c>power9_v2.0</c>, <c>cortex-a15-arm-cpu</c> → <c>cortex-a15</c>.</summary>
    public static string? CpuModelOf(string? typeName)
    {
        if (typeName is null) return null;
        foreach (var suffix in new[] { "-powerpc64-cpu", "-powerpc-cpu", "-arm-cpu", "-" + "aarch64-cpu", "-x86_64-cpu", "-s390x-cpu" })
            if (typeName.EndsWith(suffix, StringComparison.Ordinal)) return typeName[..^suffix.Length];
        return typeName;
    }

    [GeneratedRegex(@"^([a-z]+)-(\d+\.\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Versioned();
}
