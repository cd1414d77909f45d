using Tern.Knowledge;
using Tern.Knowledge.Profiles;
using Tern.Platforms;
using Tern.Platforms.Machines;

namespace Tern.Fleet;

/// <summary>Resolves an inventory's hosts against the knowledge (labels, profile files, <c>--upgrade</c> replacements).</summary>
public static class FleetHosts
{
    /// <summary>
    /// The hosts of <paramref name="inventory"/>, with <paramref name="upgrades"/> (host name → label) replacing a host's
    /// QEMU; <see cref="InventoryException"/> for a label the knowledge does not have or a target it cannot tell.
    /// </summary>
    public static IReadOnlyList<FleetHost> Resolve(Inventory inventory, KnowledgeBase knowledge, IReadOnlyDictionary<string, string>? upgrades = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(knowledge);
        upgrades ??= new Dictionary<string, string>();
        foreach (var name in upgrades.Keys)
            if (!inventory.Hosts.Any(h => h.Name == name)) throw new ArgumentException($"--upgrade {name}=…: there is no host '{name}' in {inventory.File}");
        var list = new List<FleetHost>();
        foreach (var h in inventory.Hosts)
        {
            var key = upgrades.ContainsKey(h.Name) ? "--upgrade" : h.Qemu is not null ? "qemu" : "profile";
            string label;
            Architecture? arch = h.Architecture;
            if (upgrades.TryGetValue(h.Name, out var up)) label = Strip(up);
            else if (h.Qemu is not null) label = h.Qemu;
            else
            {
                HostProfileHeader header;
                try
                {
                    header = HostProfileFile.ReadHeader(h.ProfileFile!);
                }
                catch (ProfileFormatException e)
                {
                    throw new InventoryException(inventory.File, h.Line, $"hosts.{h.Name}.profile", e.Message);
                }
                label = header.Label;
                arch ??= Architectures.Parse(header.Arch);
            }
            var profile = knowledge.Find(label)
                ?? throw new InventoryException(inventory.File, h.Line, $"hosts.{h.Name}.{key}", $"Tern has no knowledge of QEMU {label} (known: {string.Join(", ", knowledge.Labels)}; make a profile with tern profile)");
            arch ??= ArchOf(h, inventory, profile)
                ?? throw new InventoryException(inventory.File, h.Line, $"hosts.{h.Name}.arch", $"cannot tell the target of host '{h.Name}' (QEMU {label} knows {string.Join(" and ", profile.Arches.Keys.Select(k => k.Name()))}): give arch: {Architectures.NamesText}");
            if (profile.For(arch.Value) is null)
                throw new InventoryException(inventory.File, h.Line, $"hosts.{h.Name}.{key}", $"the knowledge of QEMU {label} has no {arch.Value.Name()} facts");
            list.Add(new FleetHost(h.Name, label, arch.Value, h.Facts, profile));
        }
        return list;
    }

    private static string Strip(string label) => label.StartsWith("qemu-", StringComparison.OrdinalIgnoreCase) ? label[5..] : label;

    // One target in the knowledge, or the machine family / program of the VMs that run on the host.
    private static Architecture? ArchOf(InventoryHost h, Inventory inventory, QemuProfile profile)
    {
        if (profile.Arches.Count == 1) return profile.Arches.Keys.First();
        foreach (var vm in inventory.Vms.Where(v => v.Host == h.Name))
        {
            if (Architectures.OfProgram(vm.Program) is { } named) return named;
            if (Targets.Target.ForMachine(VmOptions.Of(vm).Machine) is { } target) return target.Architecture;
        }
        return null;
    }
}
