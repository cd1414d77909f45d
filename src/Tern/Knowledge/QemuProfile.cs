using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>The facts Tern holds about one QEMU version, with where they came from.</summary>
public sealed class QemuProfile
{
    /// <summary>The label (e.g. <c>7.2</c>, <c>10.0.13</c>).</summary>
    public required string Label { get; init; }
    /// <summary>The release number.</summary>
    public required QemuVersion Version { get; init; }
    /// <summary>Where the facts come from (a real binary's QMP answers, or QEMU source tags for hand-entered versions).</summary>
    public required string Source { get; init; }
    /// <summary>Per-target facts.</summary>
    public required IReadOnlyDictionary<Architecture, ArchProfile> Arches { get; init; }
    /// <summary><c>measured</c> (answers of a real binary) or <c>source</c> (QEMU's source history).</summary>
    public string Provenance { get; init; } = "measured";
    /// <summary>The profile files the facts were read from; empty for the embedded knowledge.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];
    /// <summary>Real streams of this version (without pages) that simulation starts from; enumerated only when needed.</summary>
    public IEnumerable<StreamTemplate> Templates { get; init; } = [];

    /// <summary>
    /// Per target, the build id (<c>sha256:…</c>) of the binary the facts were measured from; empty for hand-entered
    /// knowledge. A configuration capture runs only a binary with this id, so what it records belongs to this profile.
    /// </summary>
    public IReadOnlyDictionary<Architecture, string> BuildIds { get; init; } = new Dictionary<Architecture, string>();

    /// <summary>
    /// Per target, the templates for it when they can be had without reading the other targets' data (embedded
    /// profiles: one file per target); null means <see cref="Templates"/>.
    /// </summary>
    public Func<Architecture, IEnumerable<StreamTemplate>>? TemplatesByArchitecture { get; init; }

    /// <summary>
    /// The templates a simulation of <paramref name="arch"/> chooses from. They may include other targets' (a version's
    /// embedded templates are all of them): the engine keeps its target's own (Predict/TargetTemplates).
    /// </summary>
    public IEnumerable<StreamTemplate> TemplatesFor(Architecture arch) => TemplatesByArchitecture?.Invoke(arch) ?? Templates;

    /// <summary>The facts for a target, or null when this version's facts for it are not known.</summary>
    public ArchProfile? For(Architecture arch) => Arches.TryGetValue(arch, out var a) ? a : null;
}
