using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// The VMState descriptions of one QEMU (a <c>-dump-vmstate</c> file) or of one migration (a stream's vmdesc), in
/// one model. What the source could not tell is listed in <see cref="Facts"/> and left null in the model.
/// </summary>
public sealed class VmstateSchema
{
    private readonly Dictionary<string, List<SchemaSection>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<SchemaSection>> _byVmsdName = new(StringComparer.Ordinal);
    private Dictionary<string, Vmsd>? _allVmsds;

    /// <summary>Creates a schema.</summary>
    public VmstateSchema(string origin, SchemaSource source, SchemaInputKind inputKind, SchemaFacts facts, string? machineType,
        IReadOnlyList<SchemaSection> sections)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(sections);
        Origin = origin;
        Source = source;
        InputKind = inputKind;
        Facts = facts;
        MachineType = machineType;
        Sections = sections;
        foreach (var s in sections)
        {
            Add(_byKey, s.Key, s);
            Add(_byVmsdName, s.VmsdName, s);
        }
    }

    /// <summary>The file (or label) this schema was read from.</summary>
    public string Origin { get; }

    /// <summary>Dump or stream description.</summary>
    public SchemaSource Source { get; }

    /// <summary>What the input file was (a dump, a stream, or a bare vmdesc).</summary>
    public SchemaInputKind InputKind { get; }

    /// <summary>What this source can tell.</summary>
    public SchemaFacts Facts { get; }

    /// <summary>The machine type (dump <c>vmschkmachine.Name</c>), or null when the source does not say.</summary>
    public string? MachineType { get; }

    /// <summary>Sections in file order (device classes of a dump, section instances of a vmdesc).</summary>
    public IReadOnlyList<SchemaSection> Sections { get; }

    /// <summary>True when this schema knows <paramref name="fact"/>.</summary>
    public bool Knows(SchemaFacts fact) => (Facts & fact) == fact;

    /// <summary>The sections with this key (QOM type name for a dump, idstr for a vmdesc).</summary>
    public IReadOnlyList<SchemaSection> FindSections(string key) =>
        _byKey.TryGetValue(key, out var l) ? l : [];

    /// <summary>The section with this key and instance id (instance is ignored for a dump), or null.</summary>
    public SchemaSection? FindSection(string key, uint? instanceId = null)
    {
        foreach (var s in FindSections(key))
            if (instanceId is null || s.InstanceId is null || s.InstanceId == instanceId) return s;
        return null;
    }

    /// <summary>The sections whose top-level VMSD has this name (several device classes can share one VMSD).</summary>
    public IReadOnlyList<SchemaSection> FindSectionsByVmsdName(string vmsdName) =>
        _byVmsdName.TryGetValue(vmsdName, out var l) ? l : [];

    /// <summary>
    /// Finds a VMSD by name anywhere in the schema: a section's top-level VMSD, a subsection (<c>cpu/slb</c>) or a
    /// struct child (<c>ics/irq</c>). When several carry the name, the first in file order wins.
    /// </summary>
    public Vmsd? FindVmsd(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var index = LazyInitializer.EnsureInitialized(ref _allVmsds, IndexAll); // the two directions of a diff may ask at once
        return index.TryGetValue(name, out var v) ? v : null;
    }

    private Dictionary<string, Vmsd> IndexAll()
    {
        var index = new Dictionary<string, Vmsd>(StringComparer.Ordinal);
        foreach (var s in Sections)
            if (s.Vmsd is not null) Visit(s.Vmsd, index);
        return index;
    }

    private static void Visit(Vmsd vmsd, Dictionary<string, Vmsd> index)
    {
        if (!index.TryAdd(vmsd.Name, vmsd)) return;
        foreach (var f in vmsd.Fields)
            if (f.Struct is not null) Visit(f.Struct, index);
        foreach (var s in vmsd.Subsections) Visit(s, index);
    }

    private static void Add(Dictionary<string, List<SchemaSection>> map, string key, SchemaSection s)
    {
        if (!map.TryGetValue(key, out var l)) map[key] = l = [];
        l.Add(s);
    }
}
