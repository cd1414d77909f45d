using System.Runtime.CompilerServices;
using Tern.Decode;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Wire;

namespace Tern.Predict;

/// <summary>
/// Produces the stream a source configuration would write: the closest real template of the same QEMU version
/// (Knowledge/Data/templates: real streams without their pages), edited where the configuration differs
/// (machine name, RAM size, PVR, cpu/compat, XIVE, BHRB, spapr cap subsections). The result is written as real
/// bytes and read back, so the Loader sees exactly what it would see in a file from QEMU.
/// </summary>
public sealed class Simulator(KnowledgeBase knowledge)
{
    // Decoded templates by name; per-entry locks let two threads (source and destination of one check) decode different
    // templates at the same time and never the same one twice. Bounded: a batch over many versions stays flat.
    private readonly BoundedCache<string, StreamModel> _cache = new(32);

    /// <summary>The stream bytes <paramref name="host"/> would send, or null with the reason in <paramref name="missing"/>.</summary>
    public byte[]? Simulate(ResolvedHost host, List<string> notes, List<string> missing)
    {
        ArgumentNullException.ThrowIfNull(host);
        var model = Model(host, notes, missing);
        return model is null ? null : StreamModelWriter.Write(model);
    }

    /// <summary>
    /// The stream model a destination reads from the stream <paramref name="host"/> would send, and that stream's
    /// length: the same as reading <see cref="Simulate"/>'s bytes back with <see cref="StreamModelReader"/> (the bytes
    /// are written and read), but the device sections taken unchanged from the template are encoded and decoded once
    /// per template, not once per configuration.
    /// </summary>
    /// <remarks>
    /// The first stream of a template is written whole and read back whole; what it says of each unchanged section
    /// (its body, its vmdesc entry, how it reads back) is kept. Once every unchanged section of a configuration is
    /// known, only what the configuration changes is written and read back for real (the configuration and RAM
    /// records and the edited sections, as one small stream), and the whole stream is laid out without its bytes
    /// (written to <see cref="Stream.Null"/>) for its length and the sections' offsets.
    /// </remarks>
    public StreamModel? SimulateReadBack(ResolvedHost host, List<string> notes, List<string> missing, out int streamBytes)
    {
        ArgumentNullException.ThrowIfNull(host);
        streamBytes = 0;
        var model = Model(host, notes, missing, out var template);
        if (model is null) return null;
        var written = template is null ? null : _written.GetValue(template, t => new TemplateSections(t, null));
        if (written is not null && !written.KnowsAll(model.Devices)) written.RecordUnwritten(model);
        if (written is not null && written.KnowsAll(model.Devices)) return ReadBackEdited(model, written, out streamBytes);
        var spans = written is null ? null : new List<SectionSpan>(model.Devices.Count);
        var bytes = StreamModelWriter.Write(model, written is null ? null : d => written.Find(d)?.Body, spans);
        streamBytes = bytes.Count;
        var back = StreamModelReader.Read(bytes, written is null ? null : (i, entry) => i < model.Devices.Count ? written.ReadBack(model.Devices[i], entry) : null);
        // What this stream says of the template's unchanged sections holds in every later one: keep it.
        if (written is not null && spans!.Count == model.Devices.Count && back.Devices.Count == model.Devices.Count)
            for (var i = 0; i < model.Devices.Count; i++)
            {
                var (d, span, readBack) = (model.Devices[i], spans[i], back.Devices[i]);
                written.Record(d, () => new WrittenSection(bytes.AsMemory((int)span.BodyStart, (int)span.BodyLength), readBack with { Offset = 0 }, new Lazy<byte[]>(() => StreamModelWriter.DeviceEntryJson(d))));
            }
        return back;
    }

    // A configuration whose unchanged sections are all known: the edited ones (and the records before them) are
    // written and read back as a stream of their own; the whole stream is only laid out.
    private static StreamModel ReadBackEdited(StreamModel model, TemplateSections written, out int streamBytes)
    {
        var edited = model.Devices.Where(d => written.Find(d) is null).ToList();
        var small = new StreamModel
        {
            Configuration = model.Configuration,
            RamBlocks = model.RamBlocks,
            Devices = edited,
            IterativeSections = model.IterativeSections,
            PageSize = model.PageSize,
            HtabShift = model.HtabShift,
        };
        var smallSpans = new List<SectionSpan>(edited.Count);
        var smallBytes = StreamModelWriter.Write(small, null, smallSpans);
        var smallBack = StreamModelReader.Read(smallBytes, null);
        var editedAt = new Dictionary<DeviceSection, int>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < edited.Count; i++) editedAt[edited[i]] = i;
        ReadOnlyMemory<byte> EditedBody(DeviceSection d)
        {
            var span = smallSpans[editedAt[d]];
            return smallBytes.AsMemory((int)span.BodyStart, (int)span.BodyLength);
        }
        var spans = new List<SectionSpan>(model.Devices.Count);
        var length = StreamModelWriter.Write(model, Stream.Null, d => written.Find(d)?.Body ?? EditedBody(d), d => written.Find(d) is { } w ? (ReadOnlyMemory<byte>?)w.Entry.Value : null, spans);
        streamBytes = checked((int)length);
        var devices = new List<DeviceSection>(model.Devices.Count);
        for (var i = 0; i < model.Devices.Count; i++)
        {
            var d = model.Devices[i];
            var readBack = written.Find(d)?.ReadBack ?? smallBack.Devices[editedAt[d]];
            devices.Add(readBack with { Offset = spans[i].Header });
        }
        return new StreamModel
        {
            Configuration = smallBack.Configuration,
            RamBlocks = smallBack.RamBlocks,
            Devices = devices,
            IterativeSections = smallBack.IterativeSections,
            PageSize = smallBack.PageSize,
            HtabShift = smallBack.HtabShift,
        };
    }

    /// <summary>
    /// How many times the decoded-template cache has started afresh: a model built before holds sections of
    /// templates the cache may no longer hold, so a cache of models should start afresh too to stay bounded.
    /// </summary>
    internal int Generation => _cache.Resets;

    // Per decoded template (and as long as it lives): each of its device sections encoded, its vmdesc entry, and how it
    // reads back from a stream with that entry, recorded from the first simulated stream that carries the section
    // unchanged. All depend on the section alone (its body and description), so they hold in any simulated stream
    // that carries it unchanged.
    private readonly ConditionalWeakTable<StreamModel, TemplateSections> _written = new();

    // Body is a slice of the first simulated stream that carried the section (its read-back's fields are slices of the
    // same buffer): one buffer per template, not a copy per section. Entry is made when a later stream first needs it.
    private sealed record WrittenSection(ReadOnlyMemory<byte> Body, DeviceSection ReadBack, Lazy<byte[]> Entry);

    // bodies: each template section's bytes as QEMU sent them (parallel to the template's devices), or null.
    private sealed class TemplateSections(StreamModel template, IReadOnlyList<ReadOnlyMemory<byte>>? bodies)
    {
        // Keys compare by reference: an edited section is a new object and never matches.
        private readonly HashSet<DeviceSection> _members = new(template.Devices, ReferenceEqualityComparer.Instance);
        private readonly Dictionary<DeviceSection, WrittenSection> _done = new(ReferenceEqualityComparer.Instance);

        /// <summary>
        /// Records the template sections <paramref name="model"/> carries unchanged without writing a stream: each one's
        /// bytes are QEMU's own (the encoder would write back exactly what the decoder read), its vmdesc entry is
        /// written and parsed as a stream's would be, and it reads back as the template's own section when the parsed
        /// entry describes it as QEMU's did. Sections whose entry differs are left for a whole stream to record.
        /// </summary>
        public void RecordUnwritten(StreamModel model)
        {
            if (bodies is null || bodies.Count != template.Devices.Count) return;
            var index = new Dictionary<DeviceSection, int>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < template.Devices.Count; i++) index[template.Devices[i]] = i;
            var pending = model.Devices.Where(d => index.ContainsKey(d) && Find(d) is null).ToList();
            if (pending.Count == 0) return;
            var entries = pending.Select(StreamModelWriter.DeviceEntryJson).ToList();
            var parsed = VmDescription.Parse(StreamModelWriter.VmDescriptionJson(new StreamModel
            {
                Configuration = model.Configuration,
                RamBlocks = [],
                Devices = pending,
                PageSize = model.PageSize,
            })).Devices;
            if (parsed.Count != pending.Count) return;
            for (var k = 0; k < pending.Count; k++)
            {
                var (d, entry, described) = (pending[k], entries[k], parsed[k]);
                if (!DescriptionEquality.Equal(described, d.Description)) continue;
                Record(d, () => new WrittenSection(bodies[index[d]], d with { Description = described, Offset = 0 }, new Lazy<byte[]>(entry)));
            }
        }

        public WrittenSection? Find(DeviceSection d)
        {
            lock (_done) return _done.GetValueOrDefault(d);
        }

        /// <summary>True when every section of <paramref name="devices"/> taken from the template is recorded.</summary>
        public bool KnowsAll(IReadOnlyList<DeviceSection> devices)
        {
            lock (_done)
            {
                if (_done.Count == 0) return false;
                foreach (var d in devices)
                    if (_members.Contains(d) && !_done.ContainsKey(d)) return false;
                return true;
            }
        }

        /// <summary>
        /// How <paramref name="d"/> reads back from a stream that describes it with <paramref name="entry"/>: recorded, or
        /// for a template section, the template's own decoded section when the stream describes it as the template did
        /// (its body is then the template's own bytes: the encoder writes back exactly what the decoder read, and equal
        /// entries decode equal bytes alike); null when it must be decoded.
        /// </summary>
        public DeviceSection? ReadBack(DeviceSection d, VmDescriptionDevice entry)
        {
            if (Find(d) is { } known) return known.ReadBack;
            return _members.Contains(d) && DescriptionEquality.Equal(entry, d.Description) ? d with { Description = entry } : null;
        }

        public void Record(DeviceSection d, Func<WrittenSection> make)
        {
            if (!_members.Contains(d)) return;
            lock (_done)
                if (!_done.ContainsKey(d)) _done[d] = make();
        }
    }

    /// <summary>
    /// A captured stream (a real one of exactly <paramref name="host"/>'s configuration, run under TCG) edited for what
    /// the accelerator changes: the PVR the CPU reports, compat, XIVE and the cap levels sent.
    /// </summary>
    public static StreamModel Adapt(StreamModel captured, ResolvedHost host, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(captured);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(notes);
        notes.Add($"{host.Profile.Label} {host.Machine}: captured under TCG, edited for {host.Accelerator}");
        return Edit(captured, host, host, notes);
    }

    /// <summary>The decoded stream model <paramref name="host"/> would send.</summary>
    public StreamModel? Model(ResolvedHost host, List<string> notes, List<string> missing) => Model(host, notes, missing, out _);

    private StreamModel? Model(ResolvedHost host, List<string> notes, List<string> missing, out StreamModel? template)
    {
        template = null;
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentNullException.ThrowIfNull(missing);
        var chosen = Choose(host);
        var target = Targets.Target.For(host.Architecture);
        if (chosen is null && !TargetTemplates.Of(host.Profile, host.Architecture).Any()
            && target.SyntheticState(host) is { } synthetic)
        {
            notes.Add($"{host.Profile.Label} {host.Machine} {host.Cpu}: no real stream of this QEMU version exists; synthetic cpu/spapr state from hand-entered facts ({host.Profile.Source}) — only the CPU, compat-mode, PVR, cap and register rules are checked");
            return Edit(synthetic, host, host, notes);
        }
        if (chosen is null)
        {
            missing.Add($"no real stream of QEMU {host.Profile.Label} with {host.Machine} and CPU {host.Cpu} to derive its state from ({target.NoTemplateReason}); make one with `tern lab profile {host.Profile.Label}`");
            return null;
        }
        notes.Add($"{host.Profile.Label} {host.Machine} {host.Cpu}: state from template {chosen.Value.Template.Name} ({chosen.Value.Template.Origin})");
        template = Load(chosen.Value.Template);
        return Edit(template, host, chosen.Value.Resolved, notes);
    }

    private StreamModel Load(StreamTemplate t) => _cache.GetOrAdd(t.Name, _ =>
    {
        var bodies = new List<ReadOnlyMemory<byte>>();
        var model = StreamModelReader.Read(new ArraySegment<byte>(t.ReadBytes()), null, bodies);
        _written.AddOrUpdate(model, new TemplateSections(model, bodies));
        return model;
    });

    // The templates of a version with their configurations resolved, per profile (a found profile may carry an
    // embedded label: the profile, not the label, says which templates are meant).
    // Per target: an embedded profile reads one target's file, not both, for a check of that target.
    private readonly BoundedCache<(QemuProfile, Architecture), List<(StreamTemplate, ResolvedHost)>> _resolved = new(32);

    private List<(StreamTemplate, ResolvedHost)> Resolved(QemuProfile profile, Architecture arch) =>
        _resolved.GetOrAdd((profile, arch), key =>
        {
            var (p, a) = key;
            var list = new List<(StreamTemplate, ResolvedHost)>();
            foreach (var t in TargetTemplates.Of(p, a))
            {
                if (HostResolver.Resolve(t.Source, MigrationEnd.Source, knowledge, [], []) is { } r && ReferenceEquals(r.Profile, p) && r.Architecture == a) list.Add((t, r));
            }
            return list;
        });

    private (StreamTemplate Template, ResolvedHost Resolved)? Choose(ResolvedHost host)
    {
        (StreamTemplate, ResolvedHost)? best = null;
        var bestScore = int.MinValue;
        var target = Targets.Target.For(host.Architecture);
        foreach (var (t, r) in Resolved(host.Profile, host.Architecture))
        {
            if (r.Architecture != host.Architecture) continue;
            var score = 0;
            if (r.Cpu == host.Cpu) score += 100;
            else if (target.TemplateNeedsSameCpuModel) continue;
            if (target.TemplateNeedsSameCpuModel && !SameProperties(r.Spec.CpuProperties, host.Spec.CpuProperties)) continue;
            if (r.Machine == host.Machine) score += target.SameMachineTypeWeight;
            else if (r.MachineType.Major == host.MachineType.Major) score += 5;
            score += target.TemplateAffinity(r, host);
            if (score > bestScore) { bestScore = score; best = (t, r); }
        }
        return best;
    }

    private static bool SameProperties(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && string.Equals(v, kv.Value, StringComparison.OrdinalIgnoreCase));

    private static StreamModel Edit(StreamModel model, ResolvedHost host, ResolvedHost template, List<string> notes)
    {
        var target = Targets.Target.For(host.Architecture);
        var blocks = model.RamBlocks.ToList();
        var main = blocks.FindIndex(b => b.Name == target.MainRamBlock);
        if (main >= 0) blocks[main] = blocks[main] with { UsedLength = host.Spec.MemoryBytes };
        var devices = model.Devices.ToList();
        devices = target.EditSource(devices, host, template, notes);
        return new StreamModel
        {
            Configuration = new ConfigurationSection(System.Text.Encoding.UTF8.GetBytes(host.Machine), model.Configuration.Subsections),
            RamBlocks = blocks,
            Devices = devices,
            IterativeSections = model.IterativeSections,
            PageSize = model.PageSize,
            HtabShift = model.HtabShift,
        };
    }

}
