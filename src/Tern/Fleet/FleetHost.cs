using Tern.Knowledge;
using Tern.Platforms;

namespace Tern.Fleet;

/// <summary>A host of the fleet resolved against the knowledge: its QEMU label, target, facts and profile.</summary>
/// <param name="Name">The host's name.</param>
/// <param name="Label">The QEMU version label specs use (without <c>qemu-</c>).</param>
/// <param name="Architecture">The target.</param>
/// <param name="Facts">Host facts as <c>--destination-host</c> takes them.</param>
/// <param name="Profile">The knowledge for the label.</param>
public sealed record FleetHost(string Name, string Label, Architecture Architecture, string Facts, QemuProfile Profile)
{
    /// <summary>The facts parsed (<see cref="HostSpecParser.ParseFacts"/>).</summary>
    public IReadOnlyDictionary<string, string> ParsedFacts { get; } = HostSpecParser.ParseFacts(Facts);

    /// <summary>The target's facts in the profile.</summary>
    public ArchProfile Arch => Profile.For(Architecture)!;

    /// <summary>Hosts with the same class key are judged once: same knowledge, same target, same facts.</summary>
    public string ClassKey => $"{Label}\u001f{Profile.Version}\u001f{Architecture}\u001f{string.Join(',', ParsedFacts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => f.Key + "=" + f.Value))}";

    /// <summary>A VM's options (a spec without label) as they run on this host: <c>"qemu-LABEL " + options</c> with this host's facts.</summary>
    public HostSpec Spec(HostSpec options) => options with { Qemu = Label, HostFacts = ParsedFacts };
}
