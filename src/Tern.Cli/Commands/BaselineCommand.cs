using System.CommandLine;
using Tern.Cli.Reports;
using Tern.Fleet;
using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Cli.Commands;

/// <summary><c>tern baseline HOST… | --inventory FILE</c>: the newest configuration that migrates among all the hosts (docs/plan.md).</summary>
internal static class BaselineCommand
{
    public static Command Create()
    {
        var hostsArg = new Argument<string[]>("HOST") { Description = "QEMU version labels (qemu-10.0.13) or profile files, one per host.", Arity = ArgumentArity.ZeroOrMore };
        var inventory = new Option<string?>("--inventory") { Description = "Take the hosts (with their facts) from a fleet inventory instead." };
        var arch = new Option<string?>("--arch") { Description = "The target: ppc64 or aarch64 (needed when the hosts know both)." };
        var accel = new Option<string?>("--accel") { Description = "The accelerator the VMs use: tcg (default) or kvm." };
        var json = new Option<bool>("--json") { Description = "Print the baseline as JSON." };
        var knowledge = new KnowledgeOptions();
        var cmd = new Command("baseline", "The newest machine type, CPU / compat mode and caps that every host supports and that migrate among all of them, checked pairwise.")
        {
            hostsArg, inventory, arch, accel, json,
        };
        knowledge.AddProfilesTo(cmd);
        cmd.SetAction(r =>
        {
            var labels = r.GetValue(hostsArg) ?? [];
            var file = r.GetValue(inventory);
            if ((labels.Length > 0) == (file is not null)) throw new UsageException("baseline: give host labels/profiles or --inventory FILE, not both and not neither");
            var target = r.GetValue(arch) is not { } named ? (Architecture?)null
                : Architectures.Parse(named) ?? throw new UsageException($"--arch {named}: Tern models {string.Join(" and ", Architectures.Names)}");
            var accelerator = r.GetValue(accel) switch
            {
                null or "tcg" => Accelerator.Tcg,
                "kvm" => Accelerator.Kvm,
                var a => throw new UsageException($"--accel {a}: use tcg or kvm"),
            };
            var result = Run(labels, file, target, accelerator, more => knowledge.Build(r, more));
            if (r.GetValue(json)) BaselineJson.Write(Console.OpenStandardOutput(), result);
            else BaselineText.Write(Consoles.Stdout, result);
            return result.Options is null ? ExitCodes.Findings : ExitCodes.Ok;
        });
        return cmd;
    }

    /// <summary>Resolves the hosts and finds the baseline (the part tests drive).</summary>
    public static BaselineResult Run(IReadOnlyList<string> labels, string? inventoryFile, Architecture? arch, Accelerator accel, Func<IEnumerable<string?>, KnowledgeBase> knowledge)
    {
        IReadOnlyList<FleetHost> hosts;
        KnowledgeBase kb;
        if (inventoryFile is not null)
        {
            var inv = InventoryLoader.Load(inventoryFile);
            kb = knowledge(inv.Hosts.Select(h => h.ProfileFile));
            hosts = FleetHosts.Resolve(inv, kb);
        }
        else
        {
            var files = labels.Where(File.Exists).ToList();
            kb = knowledge(files);
            hosts = labels.Select(l => Host(l, kb, arch)).ToList();
        }
        if (arch is { } a) hosts = hosts.Where(h => h.Architecture == a).ToList();
        else if (hosts.Select(h => h.Architecture).Distinct().Count() > 1)
            throw new UsageException("baseline: the hosts are of more than one target: give --arch ppc64 or --arch aarch64");
        if (hosts.Count < 2) throw new UsageException("baseline: needs at least two hosts of the target");
        return new BaselineFinder(new FleetJudge(new Predictor(kb))) { Accelerator = accel }.Find(hosts);
    }

    private static FleetHost Host(string given, KnowledgeBase kb, Architecture? arch)
    {
        string label;
        Architecture? a = arch;
        if (File.Exists(given))
        {
            var header = HostProfileFile.ReadHeader(given);
            label = header.Label;
            a ??= Architectures.Parse(header.Arch);
        }
        else label = given.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? given[5..] : given;
        var profile = kb.Find(label) ?? throw new UsageException($"baseline: Tern has no knowledge of QEMU {label} (known: {string.Join(", ", kb.Labels)})");
        if (a is null)
        {
            if (profile.Arches.Count != 1) throw new UsageException($"baseline: QEMU {label} knows more than one target: give --arch ppc64 or --arch aarch64");
            a = profile.Arches.Keys.First();
        }
        if (profile.For(a.Value) is null) throw new UsageException($"baseline: the knowledge of QEMU {label} has no {a.Value.Name()} facts");
        return new FleetHost(given, label, a.Value, "", profile);
    }
}
