using Tern.Platforms;
using Tern.Platforms.Machines;

namespace Tern.Fleet;

/// <summary>
/// Flags a machine type that hosts deprecate (the profile's <c>deprecated</c> flag or QEMU's versioned policy,
/// <see cref="MachineLifecycle"/>), naming the first release the policy lets delete it, so an upgrade never strands a VM.
/// </summary>
public static class MachineLifecycleCheck
{
    /// <summary>Notes for <paramref name="options"/> over <paramref name="hosts"/> (one per QEMU label that deprecates the machine type).</summary>
    public static IReadOnlyList<LifecycleNote> For(HostSpec options, IEnumerable<FleetHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(hosts);
        var policy = MachineLifecycle.Current;
        var notes = new List<LifecycleNote>();
        foreach (var byLabel in hosts.GroupBy(h => h.Label, StringComparer.Ordinal))
        {
            var first = byLabel.First();
            if (first.Arch.ResolveMachine(options.Machine) is not { } name || MachineType.TryParse(name) is not { } machine) continue;
            var byPolicy = policy.IsDeprecatedIn(machine, first.Profile.Version);
            if (!byPolicy && !first.Arch.DeprecatedMachines.Contains(name)) continue;
            var removable = policy.DeletableFrom(machine);
            var names = byLabel.Select(h => h.Name).ToList();
            notes.Add(new LifecycleNote(name, first.Label, names, byPolicy,
                removable,
                $"{name} is deprecated in QEMU {first.Label} ({Hosts(names)}); QEMU's policy lets QEMU {removable} and later delete it ({policy.Source.Split(' ')[0]}): move the VM to a newer machine type before upgrading past it"));
        }
        return notes;
    }

    private static string Hosts(List<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
}
