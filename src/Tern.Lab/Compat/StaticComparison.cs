using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Tern.Knowledge.Profiles;
using Tern.Targets.Aarch64;
using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Lab.Compat;

/// <summary>
/// What differs between two builds without migrating: default CPU, spapr cap values (TCG, as measured), CPU models
/// and PVRs, ARM cpreg lists and values, and the <c>-dump-vmstate</c> schema diff both ways (the same
/// <see cref="SchemaDiff"/> and finding codes as <c>tern diff</c>). Every fact comes from the two profiles.
/// </summary>
public sealed class StaticComparison
{
    private readonly HostProfile _old;
    private readonly HostProfile _new;
    private readonly CompatDeviceSet _devices;
    private readonly ConcurrentDictionary<string, VmstateSchema?> _schemas = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, string), IReadOnlyList<CompatFact>> _dumpFacts = new();

    /// <summary>Compares <paramref name="old"/> with <paramref name="new"/>, reporting device findings of <paramref name="devices"/>.</summary>
    public StaticComparison(HostProfile old, HostProfile @new, CompatDeviceSet? devices = null)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        _old = old;
        _new = @new;
        _devices = devices ?? CompatDeviceSet.Common;
    }

    /// <summary>Differences of the builds as a whole: CPU models that went away or appeared, PVRs that changed.</summary>
    public IReadOnlyList<CompatFact> BuildFacts()
    {
        var facts = new List<CompatFact>();
        var oldCpus = _old.CpuModels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var newCpus = _new.CpuModels.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var gone = oldCpus.Keys.Where(k => !newCpus.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var added = newCpus.Keys.Where(k => !oldCpus.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        if (gone.Count > 0)
            facts.Add(new CompatFact("cpu-model-removed", CompatDirection.Forward,
                $"CPU models only in {_old.Label}: {string.Join(", ", gone)}", "a VM started with one of them cannot start on the new build", Breaks: true));
        if (added.Count > 0)
            facts.Add(new CompatFact("cpu-model-added", CompatDirection.Backward,
                $"CPU models only in {_new.Label}: {string.Join(", ", added)}", "a VM started with one of them cannot move back to the old build", Breaks: true));
        foreach (var (name, o) in oldCpus.OrderBy(x => x.Key, StringComparer.Ordinal))
        {
            if (!newCpus.TryGetValue(name, out var n)) continue;
            if (o.Pvr is not null && n.Pvr is not null && !string.Equals(o.Pvr, n.Pvr, StringComparison.OrdinalIgnoreCase))
                facts.Add(new CompatFact("cpu-pvr-changed", CompatDirection.Both, $"CPU model {name}: PVR {o.Pvr} → {n.Pvr}"));
            if (o.AliasOf != n.AliasOf && o.AliasOf is not null && n.AliasOf is not null)
                facts.Add(new CompatFact("cpu-alias-moved", CompatDirection.Both, $"CPU alias {name}: {o.AliasOf} → {n.AliasOf}", $"pin -cpu {o.AliasOf}"));
        }
        return facts;
    }

    /// <summary>Differences that concern <paramref name="machine"/> run with <paramref name="cpu"/> (null: its default CPU).</summary>
    public IReadOnlyList<CompatFact> MachineFacts(string machine, string? cpu)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var facts = new List<CompatFact>();
        var om = _old.Machines.FirstOrDefault(m => m.Name == machine);
        var nm = _new.Machines.FirstOrDefault(m => m.Name == machine);
        if (om is null || nm is null)
        {
            facts.Add(new CompatFact("machine-missing", CompatDirection.Both,
                $"{machine} is registered only by {(om is null ? _new.Label : _old.Label)}", Breaks: true));
            return facts;
        }
        if (cpu is null && om.DefaultCpu != nm.DefaultCpu)
            facts.Add(new CompatFact("default-cpu-moved", CompatDirection.Both,
                $"default CPU moved {om.DefaultCpu ?? "(none)"} → {nm.DefaultCpu ?? "(none)"}", $"pin -cpu {om.DefaultCpu}"));
        var oldSample = Sample(_old, machine, cpu);
        var newSample = Sample(_new, machine, cpu);
        var oldCaps = cpu is null ? om.Caps : oldSample?.Caps ?? om.Caps;
        var newCaps = cpu is null ? nm.Caps : newSample?.Caps ?? nm.Caps;
        foreach (var key in oldCaps.Keys.Union(newCaps.Keys).Order(StringComparer.Ordinal))
        {
            var o = oldCaps.GetValueOrDefault(key);
            var n = newCaps.GetValueOrDefault(key);
            if (o == n) continue;
            facts.Add(new CompatFact("spapr-cap-effective", CompatDirection.Both,
                $"{key} under TCG: {o ?? "(absent)"} → {n ?? "(absent)"}", o is null ? null : $"pin -machine {machine},{key}={o} on both"));
        }
        if (oldSample?.CpregIndexes is { } oi && newSample?.CpregIndexes is { } ni)
            facts.AddRange(CpregFacts(oi, oldSample.CpregValues ?? [], ni, newSample.CpregValues ?? [], cpu ?? oldSample.ResolvedCpu ?? "default"));
        if (!_devices.IsEmpty && om.Dump is not null && nm.Dump is not null && om.Dump != nm.Dump)
            facts.AddRange(_dumpFacts.GetOrAdd((om.Dump, nm.Dump), k => DumpFacts(k.Item1, k.Item2)));
        return facts;
    }

    /// <summary>The sample of <paramref name="p"/> for this machine and CPU, else one of the same CPU on any machine.</summary>
    internal static ProfileSample? Sample(HostProfile p, string machine, string? cpu) =>
        p.Samples.FirstOrDefault(s => s.Machine == machine && s.Cpu == cpu && s.Error is null)
        ?? (cpu is null ? null : p.Samples.FirstOrDefault(s => s.Cpu == cpu && s.Error is null));

    private static IEnumerable<CompatFact> CpregFacts(IReadOnlyList<string> oi, IReadOnlyList<string> ov, IReadOnlyList<string> ni, IReadOnlyList<string> nv, string cpu)
    {
        var oldRegs = Registers(oi, ov);
        var newRegs = Registers(ni, nv);
        var onlyOld = oldRegs.Keys.Where(k => !newRegs.ContainsKey(k)).ToList();
        var onlyNew = newRegs.Keys.Where(k => !oldRegs.ContainsKey(k)).ToList();
        if (onlyOld.Count > 0)
            yield return new CompatFact("arm-cpreg-only-old", CompatDirection.Forward,
                $"{cpu}: {onlyOld.Count} system register(s) only in the old build's list ({Few(onlyOld.Select(RegisterName).ToList())})");
        if (onlyNew.Count > 0)
            yield return new CompatFact("arm-cpreg-only-new", CompatDirection.Backward,
                $"{cpu}: {onlyNew.Count} system register(s) only in the new build's list ({Few(onlyNew.Select(RegisterName).ToList())})");
        var changed = oldRegs.Where(kv => newRegs.TryGetValue(kv.Key, out var n) && n is not null && kv.Value is not null && n != kv.Value)
            .Select(kv => $"{RegisterName(kv.Key)}: {kv.Value} → {newRegs[kv.Key]}").ToList();
        if (changed.Count > 0)
            yield return new CompatFact("arm-cpreg-value", CompatDirection.Both,
                $"{cpu}: {changed.Count} register value(s) differ at reset ({Few(changed)})");
    }

    /// <summary>The architectural name of a cpreg index (KVM encoding, hex) where Tern knows it, else the index.</summary>
    internal static string RegisterName(string hex) =>
        ulong.TryParse(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)
            ? new CpRegIndex(v).Name
            : hex;

    private static Dictionary<string, string?> Registers(IReadOnlyList<string> indexes, IReadOnlyList<string> values)
    {
        var d = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < indexes.Count; i++) d[indexes[i]] = i < values.Count ? values[i] : null;
        return d;
    }

    private static string Few(IReadOnlyList<string> items) =>
        string.Join(", ", items.Take(3)) + (items.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $", … {items.Count - 3} more") : "");

    private List<CompatFact> DumpFacts(string oldSha, string newSha)
    {
        var facts = new List<CompatFact>();
        var o = Schema(_old, oldSha);
        var n = Schema(_new, newSha);
        if (o is null || n is null) return facts;
        var result = SchemaDiff.Compare(o, n, new SchemaDiffOptions { Directions = DiffDirections.Both });
        foreach (var f in result.Findings)
        {
            if (f.Severity == FindingSeverity.Harmless || !_devices.Includes(f.Section)) continue;
            var dir = f.Direction == MigrationDirection.Forward ? CompatDirection.Forward : CompatDirection.Backward;
            var when = f.Severity == FindingSeverity.Breaks ? "breaks" : "breaks if sent";
            facts.Add(new CompatFact(f.Code, dir, $"{f.Section}{(f.Path.Length == 0 ? "" : " " + f.Path)}: {f.Message} ({when})", QemuText(f), f.Severity == FindingSeverity.Breaks));
        }
        return facts;
    }

    private static string? QemuText(SchemaFinding f) => f.QemuError is null ? null : "QEMU: " + f.QemuError;

    private VmstateSchema? Schema(HostProfile p, string sha) => _schemas.GetOrAdd(p.Label + "|" + sha, _ =>
    {
        var dump = p.Dumps.FirstOrDefault(d => d.Sha256 == sha);
        if (dump is null) return null;
        using var compressed = new MemoryStream(dump.Data, writable: false);
        using var gz = new GZipStream(compressed, CompressionMode.Decompress);
        using var json = new MemoryStream();
        gz.CopyTo(json);
        return VmstateDumpLoader.Parse(json.GetBuffer().AsSpan(0, (int)json.Length), $"{p.Label} -dump-vmstate {sha[..Math.Min(12, sha.Length)]}");
    });
}
