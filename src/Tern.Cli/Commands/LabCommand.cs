using System.CommandLine;
using System.Text.Json;
using Tern.Cli.Reports;
using Tern.Lab;
using Tern.Lab.Installation;
using Tern.Lab.Processes;
using Tern.Lab.Profiles;
using Tern.Lab.Qmp;
using Tern.Platforms;

namespace Tern.Cli.Commands;

/// <summary><c>tern lab install|list|profile</c>: the side-by-side QEMU versions Tern checks itself against.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var lab = new Command("lab", "Install and inspect real QEMU versions side by side (the lab), and profile them.");
        lab.Subcommands.Add(CreateInstall());
        lab.Subcommands.Add(CreateList());
        lab.Subcommands.Add(CreateProfile());
        return lab;
    }

    private static Option<string?> LabDirOption() =>
        new("--lab-dir") { Description = "The lab directory (default: $TERN_LAB_DIR or ~/.cache/tern/lab)." };

    private static Command CreateInstall()
    {
        var suites = new Argument<string[]>("suite") { Description = "Debian suites: bullseye (5.2), bookworm (7.2), bookworm-backports (10.0.2), trixie (10.0.x), ...", Arity = ArgumentArity.OneOrMore };
        var labDir = LabDirOption();
        var cmd = new Command("install", "Install the QEMU of each Debian suite side by side (runs scripts/install-qemu-lab.sh; needs root on Debian).") { suites, labDir };
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            if (LabInstaller.CheckEnvironment() is { } problem)
            {
                Console.Error.WriteLine($"tern: {problem}");
                return ExitCodes.Unreadable;
            }
            var script = LabDirectory.FindInstallerScript();
            if (script is null)
            {
                Console.Error.WriteLine("tern: cannot find scripts/install-qemu-lab.sh (run tern from the Tern repository, or run the script directly)");
                return ExitCodes.Unreadable;
            }
            var code = await LabInstaller.RunAsync(script, r.GetValue(suites)!, r.GetValue(labDir), Console.Error.WriteLine, ct).ConfigureAwait(false);
            if (code != 0)
            {
                Console.Error.WriteLine($"tern: {script} failed with exit code {code}");
                return ExitCodes.Unreadable;
            }
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command CreateList()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var labDir = LabDirOption();
        var cmd = new Command("list", "List the installed versions with the version each QEMU reports over QMP (query-version).") { json, labDir };
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            var dir = LabDirectory.Resolve(r.GetValue(labDir));
            var all = QemuInstallation.LoadAll(dir);
            if (all.Count == 0)
            {
                Console.Error.WriteLine($"tern: no QEMU installed in the lab {dir}; run 'tern lab install SUITE...' or scripts/install-qemu-lab.sh");
                return ExitCodes.Unreadable;
            }
            var rows = new List<LabVersionRow>();
            foreach (var inst in all)
            {
                foreach (var arch in inst.Binaries.Keys.Order(StringComparer.Ordinal))
                {
                    var (version, error) = await QueryVersionAsync(inst, arch, ct).ConfigureAwait(false);
                    rows.Add(new LabVersionRow(inst, arch, version, error));
                }
            }
            if (r.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
                w.WriteStartArray();
                foreach (var row in rows)
                {
                    w.WriteStartObject();
                    w.WriteString("label", row.Installation.Label);
                    w.WriteString("suite", row.Installation.Suite);
                    w.WriteString("debianVersion", row.Installation.DebianVersion);
                    w.WriteString("arch", row.Arch);
                    w.WriteString("binary", row.Installation.BinaryFor(row.Arch));
                    w.WriteString("queryVersion", row.Version);
                    w.WriteString("error", row.Error);
                    w.WriteString("directory", row.Installation.Directory);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.Flush();
                stdout.Write("\n"u8);
            }
            else
            {
                LabListText.Write(Consoles.Stdout, rows);
            }
            return rows.Any(x => x.Error is not null) ? ExitCodes.Unreadable : ExitCodes.Ok;
        }));
        return cmd;
    }

    private static async Task<(string Version, string? Error)> QueryVersionAsync(QemuInstallation inst, string arch, CancellationToken ct)
    {
        try
        {
            await using var q = QemuProcess.Start(inst, arch, ["-nodefaults", "-nographic", "-S", "-machine", "none"]);
            var qmp = await q.ConnectQmpAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
            var v = await qmp.QueryVersionAsync(ct).ConfigureAwait(false);
            await q.QuitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            return (v.ToString(), null);
        }
        catch (Exception e) when (e is LabException or QmpException)
        {
            return ("", e.Message);
        }
    }

    private static Command CreateProfile()
    {
        var version = new Argument<string>("version") { Description = "An installed version label, e.g. 7.2." };
        var arch = new Option<string>("--arch") { Description = $"{Architectures.NamesText}.", DefaultValueFactory = _ => Architectures.Names[0] };
        var output = new Option<string?>("--out", "-o") { Description = "Write the profile here (default: <lab>/<label>/profiles/ARCH.tern-profile.json.gz)." };
        var machines = new Option<string?>("--machines") { Description = "all (default) or comma-separated machine types to profile." };
        var cpus = new Option<string?>("--cpus") { Description = "Comma-separated CPU models to sample streams for on the newest machine type; key=value items are properties of the model before them (default: every POWER server model; every model on aarch64)." };
        var labDir = LabDirOption();
        var update = new Option<string?>("--update") { Description = "Extend this profile: only what it lacks is profiled." };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary on standard output." };
        var cmd = new Command("profile", "Profile an installed lab QEMU: tern profile over the lab's binary, written where tern check finds it (<lab>/<label>/profiles/ARCH" + Knowledge.Profiles.HostProfileFile.Extension + ").")
        {
            version, arch, output, machines, cpus, labDir, update, json,
        };
        cmd.SetAction((r, ct) => LabErrors.GuardAsync(async () =>
        {
            var a = r.GetValue(arch)!;
            if (Architectures.Parse(a) is null) throw new UsageException($"--arch must be {Architectures.NamesText}");
            QemuInstallation inst;
            try { inst = QemuInstallation.Find(LabDirectory.Resolve(r.GetValue(labDir)), r.GetValue(version)!); }
            catch (LabException e) { Console.Error.WriteLine($"tern: {e.Message}"); return ExitCodes.Unreadable; }
            var existing = r.GetValue(update) is { } u ? Knowledge.Profiles.HostProfileFile.Read(u) : null;
            var options = ProfileCommand.Options(a, inst.Label, r.GetValue(machines), r.GetValue(cpus), existing);
            var file = r.GetValue(output) ?? r.GetValue(update)
                ?? Path.Combine(inst.Directory, "profiles", a + Knowledge.Profiles.HostProfileFile.Extension);
            return await ProfileCommand.RunAsync(inst, options, file, r.GetValue(json), ct).ConfigureAwait(false);
        }));
        return cmd;
    }
}
