using System.Globalization;
using System.Runtime.CompilerServices;
using Tern.Decode;
using Tern.Rules;
using Tern.Vmstate;

namespace Tern.Predict;

/// <summary>
/// Applies a destination's load rules to a stream, in QEMU's order (migration/savevm.c qemu_loadvm_state):
/// configuration, RAM block list, then each device section in stream order — lookup, version, fields
/// (<c>*_EQUAL</c>, <c>int32 le</c>), subsections, post_load semantics (POWER CPU, spapr caps, ARM cpregs).
/// QEMU stops at the first failure; the Loader goes on and reports every finding, fatal ones in order.
/// </summary>
public static class Loader
{
    /// <summary>Loads <paramref name="incoming"/> on a destination whose own state is <paramref name="local"/>.</summary>
    public static List<Finding> Load(StreamModel incoming, ResolvedHost destination, StreamModel local, DestinationCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(catalog);
        var m = new QemuMessages(destination.Version);
        var findings = new List<Finding>();
        CheckConfiguration(incoming, destination, m, findings);
        CheckRam(incoming, local, m, findings);
        // savevm.c find_se: by idstr and instance id (the first registration wins, as QTAILQ_FOREACH does).
        var localSections = LocalSections.GetValue(local, IndexSections);
        foreach (var section in incoming.Devices)
        {
            if (!localSections.TryGetValue((section.IdStr, section.InstanceId), out var mine))
            {
                findings.Add(Fatal(UnknownSectionRule.Code, $"the destination (QEMU {destination.Profile.Label}, {destination.Machine}, {destination.Cpu}) has no section '{section.IdStr}' instance {section.InstanceId}",
                    m.UnknownSectionLines(section.IdStr, section.InstanceId),
                    UnknownSectionRule.Source,
                    new Evidence { Section = section.IdStr, Offset = section.Offset },
                    "configure both ends with the same devices (and a QEMU pair that registers the same sections)"));
                continue;
            }
            // A VMSD's minimum is at most its version: only an older incoming version needs the lookup (the usual
            // equal versions of a batch's many loads skip it).
            var minimum = section.Version < mine.Version ? catalog.MinimumVersion(mine.Description.Vmsd.Name) : null;
            var versionCheck = SectionVersionRule.Check(section.Version, mine.Version, minimum);
            if (versionCheck == VersionCheck.TooNew)
            {
                findings.Add(Fatal(SectionVersionRule.TooNewCode, $"section '{section.IdStr}' arrives at version {section.Version}; QEMU {destination.Profile.Label} loads at most version {mine.Version}",
                    m.UnsupportedVersionLines(section.Version, section.IdStr, mine.Version),
                    "migration/savevm.c qemu_loadvm_section_start_full (version_id > se->version_id)",
                    new Evidence { Section = section.IdStr, SourceValue = section.Version.ToString(CultureInfo.InvariantCulture), DestinationValue = mine.Version.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                    "backward migration to this QEMU is not possible for this device; migrate to a QEMU at least as new"));
                continue;
            }
            if (versionCheck == VersionCheck.TooOld)
            {
                // The destination's -dump-vmstate says it no longer loads this old a version (its minimum_version_id).
                findings.Add(Fatal(SectionVersionRule.TooOldCode, $"section '{section.IdStr}' arrives at version {section.Version}; QEMU {destination.Profile.Label} loads it only from version {minimum}",
                    m.SectionTooOld(section.InstanceId, section.IdStr, mine.Description.Vmsd.Name, section.Version, minimum!.Value),
                    "migration/vmstate.c vmstate_load_state (version_id < vmsd->minimum_version_id)",
                    new Evidence { Section = section.IdStr, SourceValue = section.Version.ToString(CultureInfo.InvariantCulture), DestinationValue = minimum.Value.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                    "this QEMU dropped support for the source's version of this device: migrate through a QEMU that loads both (or to an older destination)"));
                continue;
            }
            var clean = CleanPairs.Of(section.Body, mine.Body);
            if (!clean.LayoutOf(section, mine) && SectionLayout.FirstMismatch(section, mine) is { } layout)
            {
                findings.Add(Fatal(FieldLayoutRule.Code, $"section '{section.IdStr}': {layout.Field} has {layout.Incoming} elements in the stream and {layout.Local} on the destination, which reads it with its own length (a configuration difference, e.g. the vCPU count)",
                    [FieldLayoutRule.MissingFooter(section.IdStr), m.LoadFailed("Invalid argument")],
                    "migration/vmstate.c vmstate_load_state (arrays sized by the destination's own state) → migration/savevm.c check_section_footer",
                    new Evidence { Section = section.IdStr, Field = layout.Field, SourceValue = layout.Incoming.ToString(CultureInfo.InvariantCulture), DestinationValue = layout.Local.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                    "configure both ends alike for this device (same -smp, same device properties)"));
                continue;
            }
            clean.AddLayoutClean(section, mine);
            var before = findings.Count;
            // The destination's own description decides what is compared (a newer source may have dropped a check).
            if (!clean.Fields && (LoadChecks.ComparesFields(section.Description.Vmsd) || LoadChecks.ComparesFields(mine.Description.Vmsd)))
            {
                CheckFields(section, section.Body, mine.Body, m, findings);
                if (findings.Count == before) clean.Fields = true;
            }
            if (!clean.SubsectionsOn(catalog))
            {
                var beforeSubsections = findings.Count;
                CheckSubsections(section, section.Body, mine.Body, catalog, m, findings);
                if (findings.Count == beforeSubsections) clean.AddSubsectionsClean(catalog);
            }
            if (findings.Skip(before).Any(f => f.Severity == Severity.Fatal)) continue;
            // What the target's own post_load hooks check (POWER PVR and compat, spapr caps, ARM cpregs).
            findings.AddRange(Targets.Target.For(destination.Architecture).SectionLoaded(section, mine, destination, m));
        }
        return findings;
    }

    // savevm.c find_se: by idstr and instance id (the first registration wins, as QTAILQ_FOREACH does). Kept per local
    // model as long as it lives: a batch loads many streams onto each destination.
    private static readonly ConditionalWeakTable<StreamModel, Dictionary<(string, uint), DeviceSection>> LocalSections = [];

    private static Dictionary<(string, uint), DeviceSection> IndexSections(StreamModel local)
    {
        var sections = new Dictionary<(string, uint), DeviceSection>(local.Devices.Count);
        foreach (var d in local.Devices) sections.TryAdd((d.IdStr, d.InstanceId), d);
        return sections;
    }

    /// <summary>
    /// Which (incoming body, local body) pairs have already been found clean: CheckFields depends on the two bodies
    /// alone, CheckSubsections on them and the destination's catalog, and each adds findings only when something is
    /// wrong (the section and messages are only in the findings' text). A batch loads the same shared template sections
    /// against each other for many pairs of configurations: each clean pair is walked once. Held weakly on both bodies.
    /// </summary>
    private sealed class CleanPairs
    {
        private static readonly ConditionalWeakTable<VmsdValue, ConditionalWeakTable<VmsdValue, CleanPairs>> Known = [];
        private readonly List<DestinationCatalog> _subsectionsClean = [];
        private volatile bool _fields;

        public bool Fields { get => _fields; set => _fields = value; }

        // SectionLayout.FirstMismatch depends on the incoming body and both descriptions: the pair of descriptions
        // found clean with these bodies (the same bodies almost always come with the same descriptions).
        private (Vmsd Incoming, Vmsd Local)? _layoutClean;

        public bool LayoutOf(DeviceSection incoming, DeviceSection local)
        {
            lock (_subsectionsClean)
                return _layoutClean is { } c && ReferenceEquals(c.Incoming, incoming.Description.Vmsd) && ReferenceEquals(c.Local, local.Description.Vmsd);
        }

        public void AddLayoutClean(DeviceSection incoming, DeviceSection local)
        {
            lock (_subsectionsClean) _layoutClean = (incoming.Description.Vmsd, local.Description.Vmsd);
        }

        public static CleanPairs Of(VmsdValue incoming, VmsdValue local) =>
            Known.GetValue(incoming, _ => []).GetValue(local, _ => new CleanPairs());

        public bool SubsectionsOn(DestinationCatalog catalog)
        {
            lock (_subsectionsClean)
                foreach (var c in _subsectionsClean)
                    if (ReferenceEquals(c, catalog)) return true;
            return false;
        }

        public void AddSubsectionsClean(DestinationCatalog catalog)
        {
            lock (_subsectionsClean) _subsectionsClean.Add(catalog);
        }
    }

    private static void CheckConfiguration(StreamModel incoming, ResolvedHost d, QemuMessages m, List<Finding> findings)
    {
        // migration/savevm.c configuration_post_load: strncmp(received, local, received length).
        var received = incoming.Configuration.MachineName;
        if (!MachineTypeRule.Accepts(received, d.Machine))
        {
            findings.Add(Fatal(MachineTypeRule.Code, $"the stream is from machine type '{received}', the destination runs '{d.Machine}'",
                m.ConfigurationRefused(MachineTypeRule.Message(received, d.Machine)),
                MachineTypeRule.Source, new Evidence { Section = "configuration", SourceValue = received, DestinationValue = d.Machine },
                $"start the destination with -machine {received} (migration needs the same versioned machine type on both ends)"));
        }
    }

    private static void CheckRam(StreamModel incoming, StreamModel local, QemuMessages m, List<Finding> findings)
    {
        foreach (var b in incoming.RamBlocks)
        {
            var mine = local.RamBlocks.FirstOrDefault(x => x.Name == b.Name);
            if (mine is null)
            {
                findings.Add(Fatal(RamBlockRule.UnknownCode, $"RAM block '{b.Name}' does not exist on the destination",
                    m.RamRefused(RamBlockRule.Unknown(b.Name)),
                    RamBlockRule.Source, new Evidence { Section = "ram", Field = b.Name }, "configure the same memory devices on both ends"));
                continue;
            }
            if (!RamBlockRule.Accepts(b.Name, b.UsedLength, mine.UsedLength))
            {
                findings.Add(Fatal(RamBlockRule.SizeCode, $"RAM block '{b.Name}' is {b.UsedLength} bytes in the stream and {mine.UsedLength} on the destination",
                    m.RamRefused(RamBlockRule.SizeMismatch(b.Name, b.UsedLength, mine.UsedLength)),
                    "migration/ram.c parse_ramblock / qemu_ram_resize", new Evidence { Section = "ram", Field = b.Name, SourceValue = $"0x{b.UsedLength:x}", DestinationValue = $"0x{mine.UsedLength:x}" },
                    $"start the destination with the same -m as the source ({b.UsedLength >> 20} MiB)"));
            }
        }
    }

    private static void CheckFields(DeviceSection section, VmsdValue incoming, VmsdValue local, QemuMessages m, List<Finding> findings)
    {
        var localFields = new LocalFields(local);
        // The elements of one array share their description on each side, so once one element pair is found to compare
        // nothing, the rest of that run is skipped without looking its local elements up.
        VmsdField? skippedRun = null;
        foreach (var f in incoming.Fields)
        {
            if (f.Kind == FieldKind.Struct && f.HasStruct)
            {
                if (ReferenceEquals(f.Description, skippedRun)) continue;
                // Descriptions first: a struct with nothing compared is not decoded just to be skipped.
                var localStruct = localFields.Find(f.Name, f.Index);
                if (f.Description.Struct is { } sd && !LoadChecks.ComparesFields(sd)
                    && (localStruct?.Description.Struct is not { } ld || !LoadChecks.ComparesFields(ld)))
                {
                    if (localStruct is not null) skippedRun = f.Description;
                    continue;
                }
                if (localStruct?.Struct is { } mineStruct) CheckFields(section, f.Struct!, mineStruct, m, findings);
                continue;
            }
            if (f.Kind != FieldKind.Integer) continue;
            var mine = localFields.Find(f.Name, f.Index);
            if (mine is null || mine.Kind != FieldKind.Integer) continue;
            // VMSTATE_*_EQUAL and _POSITIVE_LE are the destination's load functions: its own field type says which applies.
            var type = mine.Description.WireType;
            if (f.Count > 1) continue; // equal/le checks are on scalar fields
            if (FieldEqualRule.Applies(type) && f.AsUInt64() != mine.AsUInt64())
            {
                // migration/vmstate-types.c get_*_equal: error_report("%x != %x", *v, v2) — *v is the destination's own
                // field, v2 the value read from the stream — then vmstate_load_state's "Failed to load".
                findings.Add(Fatal(FieldEqualRule.Code, $"{section.IdStr}: field {f.Name} must be equal on both ends: stream 0x{f.AsUInt64():x}, destination 0x{mine.AsUInt64():x}",
                    m.FieldRefused(section.InstanceId, section.IdStr, FieldEqualRule.Message(mine.AsUInt64(), f.AsUInt64()), local.VmsdName, f.Name, type!),
                    FieldEqualRule.Source,
                    new Evidence { Section = section.IdStr, Field = f.Name, SourceValue = $"0x{f.AsUInt64():x}", DestinationValue = $"0x{mine.AsUInt64():x}", Offset = section.Offset },
                    "configure both ends identically for this device"));
            }
            else if (FieldBoundRule.Applies(type))
            {
                var v = f.AsInt64();
                var max = mine.AsInt64();
                if (!FieldBoundRule.Accepts(v, max))
                {
                    findings.Add(Fatal(FieldBoundRule.Code, $"{section.IdStr}: {f.Name} is {v} in the stream but the destination accepts at most {max}",
                        m.FieldRefused(section.InstanceId, section.IdStr, FieldBoundRule.Message(v, max), local.VmsdName, f.Name, type!),
                        FieldBoundRule.Source,
                        new Evidence { Section = section.IdStr, Field = f.Name, SourceValue = v.ToString(CultureInfo.InvariantCulture), DestinationValue = max.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                        FieldBoundRemedy(f.Name)));
                }
            }
        }
    }

    private static void CheckSubsections(DeviceSection section, VmsdValue body, VmsdValue? local, DestinationCatalog catalog, QemuMessages m, List<Finding> findings)
    {
        foreach (var f in body.Fields)
        {
            if (!f.HasStruct || (f.Description.Struct is { } sd && sd.Subsections.Count == 0 && !LoadChecks.NestedSubsections(sd))) continue;
            CheckSubsections(section, f.Struct!, null, catalog, m, findings);
        }
        foreach (var s in body.Subsections)
        {
            var known = catalog.SubsectionVersion(s.Name);
            if (known is null)
            {
                findings.Add(Fatal(UnknownSubsectionRule.Code, $"{section.IdStr}: subsection '{s.Name}' is not known to QEMU {catalog.Label}",
                    m.UnknownSubsection(s.Name, body.VmsdName, section.InstanceId, section.IdStr),
                    "migration/vmstate.c vmstate_subsection_load (unknown subsection → -ENOENT)",
                    new Evidence { Section = section.IdStr, Subsection = s.Name, Offset = section.Offset },
                    SubsectionRemedy(s.Name)));
                continue;
            }
            var version = SubsectionVersionRule.WireVersion(s.Version);
            var minimum = version < known.Value ? catalog.MinimumVersion(s.Name) : null;
            var versionCheck = SubsectionVersionRule.Check(version, known.Value, minimum);
            if (versionCheck == VersionCheck.TooNew)
            {
                findings.Add(Fatal(SubsectionVersionRule.TooNewCode, $"{section.IdStr}: subsection '{s.Name}' arrives at version {version}; QEMU {catalog.Label} loads at most {known}",
                    m.SubsectionVersion(section.InstanceId, section.IdStr, s.Name, body.VmsdName, SectionVersionRule.TooNew(s.Name, version, known.Value)),
                    "migration/vmstate.c vmstate_load_state (version_id > vmsd->version_id)",
                    new Evidence { Section = section.IdStr, Subsection = s.Name, SourceValue = version.ToString(CultureInfo.InvariantCulture), DestinationValue = known.Value.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                    "backward migration to this QEMU is not possible: migrate to a QEMU at least as new as the source"));
                continue;
            }
            if (versionCheck == VersionCheck.TooOld)
            {
                findings.Add(Fatal(SubsectionVersionRule.TooOldCode, $"{section.IdStr}: subsection '{s.Name}' arrives at version {version}; QEMU {catalog.Label} loads it only from version {minimum}",
                    m.SubsectionVersion(section.InstanceId, section.IdStr, s.Name, body.VmsdName, m.TooOld(s.Name, version, minimum!.Value)),
                    "migration/vmstate.c vmstate_load_state (version_id < vmsd->minimum_version_id)",
                    new Evidence { Section = section.IdStr, Subsection = s.Name, SourceValue = version.ToString(CultureInfo.InvariantCulture), DestinationValue = minimum.Value.ToString(CultureInfo.InvariantCulture), Offset = section.Offset },
                    "this QEMU dropped support for the source's version of this subsection: migrate through a QEMU that loads both"));
                continue;
            }
            if (local is not null && local.Subsection(s.Name) is null && s.Body.Fields.FirstOrDefault(f => f.Description.Type == "timer") is { } timer)
            {
                // VMSTATE_TIMER_PTR is a VMS_POINTER field: a destination that would not send this subsection for the
                // same configuration has not created the timer (the feature is off there), and loading into its NULL
                // pointer trips vmstate_load_state's assertion: QEMU aborts.
                findings.Add(Fatal(SubsectionNullPointerRule.Code, $"{section.IdStr}: subsection '{s.Name}' carries {timer.Name}, a timer the destination (which does not send '{s.Name}' for this configuration) has not created: QEMU {catalog.Label} aborts loading it",
                    [SubsectionNullPointerRule.Assertion],
                    "migration/vmstate.c vmstate_load_state (VMS_POINTER field with a NULL pointer: assert(first_elem || !n_elems || !size))",
                    new Evidence { Section = section.IdStr, Subsection = s.Name, Field = timer.Name, Offset = section.Offset },
                    "the source's CPU/device has a feature the destination's lacks: use the same CPU model features on both ends, or the same QEMU version"));
                continue;
            }
            CheckSubsections(section, s.Body, local?.Subsection(s.Name)?.Body, catalog, m, findings);
        }
    }

    // A remedy is keyed by the name alone and asked of every target, not the destination's: a real stream of any
    // target may be loaded on any destination, and the subsection or field names the source's target.
    private static string? SubsectionRemedy(string name)
    {
        foreach (var t in Targets.Target.All)
            if (t.SubsectionRemedy(name) is { } remedy) return remedy;
        return null;
    }

    private static string? FieldBoundRemedy(string name)
    {
        foreach (var t in Targets.Target.All)
            if (t.FieldBoundRemedy(name) is { } remedy) return remedy;
        return null;
    }

    /// <summary>A fatal destination finding.</summary>
    public static Finding Fatal(string code, string message, IReadOnlyList<string> qemuError, string rule, Evidence evidence, string? remedy) => new()
    {
        Code = code,
        Severity = Severity.Fatal,
        Message = message,
        QemuError = qemuError,
        Rule = rule,
        Evidence = evidence,
        Remedy = remedy,
    };
}
