using Tern.Knowledge;
using Tern.Platforms;

namespace Tern.Predict;

/// <summary>
/// Predicts a migration: resolves both ends (start-up gates), simulates the source's stream (or takes a real one),
/// builds the destination's own state, and runs the destination's load rules over the stream.
/// </summary>
public sealed class Predictor
{
    private const int CacheEntries = 4096;
    private readonly KnowledgeBase _knowledge;
    private readonly Simulator _simulator;
    private readonly Dictionary<string, DestinationCatalog> _catalogs = new(StringComparer.Ordinal);
    // Each end's resolution, the source's simulated stream and the destination's own state depend on that end alone:
    // a batch over a fleet computes each once per configuration and only the load itself once per pair.
    private readonly BoundedCache<(MigrationEnd Side, string Key), Resolution> _resolutions = new(CacheEntries);
    // A model shares the sections it takes unchanged from its template with the Simulator's decoded templates (and,
    // simulated, with their read-back copies): what one entry holds alone is its edited sections (cpu, spapr, tens of
    // KB). Memory is bounded by the templates the Simulator keeps (these caches start afresh with it) and this count.
    private const int ModelEntries = 1024;
    private int _templateGeneration;
    private readonly BoundedCache<string, Side> _simulations = new(ModelEntries);
    private readonly BoundedCache<string, Side> _locals = new(ModelEntries);

    private sealed record Resolution(ResolvedHost? Host, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Missing);

    /// <summary>One end's stream model (simulated source or destination's own), with the notes and gaps found building it.</summary>
    private sealed record Side(StreamModel? Model, int StreamBytes, IReadOnlyList<string> Notes, IReadOnlyList<string> Missing);

    /// <summary>Creates a predictor over a knowledge base (default: the embedded one).</summary>
    public Predictor(KnowledgeBase? knowledge = null)
    {
        _knowledge = knowledge ?? KnowledgeBase.Default;
        _simulator = new Simulator(_knowledge);
    }

    /// <summary>Predicts the migration from a source configuration to a destination configuration.</summary>
    public Verdict Predict(HostSpec source, HostSpec destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var notes = new List<string>();
        // Resolving an end first reads its version's profile (milliseconds): a destination not resolved yet is resolved on
        // another core meanwhile. A known one (a batch over a fleet) is a lookup, not worth a thread hop on a busy core.
        // Each end's cache key is built once: every cache below is keyed by it.
        var sourceKey = HostSpecKey.Of(source);
        var destinationKey = HostSpecKey.Of(destination);
        var destinationResolution = _resolutions.Holds((MigrationEnd.Destination, destinationKey)) ? null
            : Task.Run(() => Resolve(destination, MigrationEnd.Destination, destinationKey));
        var rs = Resolve(source, MigrationEnd.Source, sourceKey);
        var findings = new List<Finding>(rs.Findings);
        var missing = new List<string>(rs.Missing);
        // A configuration templates cannot say (devices, backends, memory devices, other vCPUs on each end) is captured
        // from the binaries, both ends alike; without a binary to run, its options stay unmodelled: never "compatible".
        var capturing = NeedsCapture(source, destination) && _knowledge.Capture is not null;
        var gaps = new List<string>();
        AddUnmodelled(source, MigrationEnd.Source, gaps);
        AddUnmodelled(destination, MigrationEnd.Destination, gaps);
        // Per-vCPU sections (cpu, interrupt presenters) are alike across vCPUs: with the same -smp on both ends, one
        // vCPU's load decides them all. Different counts or topologies change the section set, which only a capture shows.
        if (source.Cpus != destination.Cpus || source.Topology != destination.Topology)
            gaps.Add($"the source has -smp {source.Cpus}{Keys(source.Topology)} and the destination -smp {destination.Cpus}{Keys(destination.Topology)}: without the binaries to capture both configurations, Tern models both ends with the same vCPUs only");
        if (!capturing) missing.AddRange(gaps);
        if (findings.Any(f => f.Severity == Severity.Fatal)) return Verdict.From(findings, [], notes);
        var rd = destinationResolution?.GetAwaiter().GetResult() ?? Resolve(destination, MigrationEnd.Destination, destinationKey);
        findings.AddRange(rd.Findings);
        missing.AddRange(rd.Missing);
        if (findings.Any(f => f.Severity == Severity.Fatal && f.Side == MigrationEnd.Destination)) return Verdict.From(findings, [], notes);
        if (rs.Host is not { } s || rd.Host is not { } d)
        {
            if (capturing) missing.AddRange(gaps);
            return Verdict.From(findings, missing, notes);
        }
        notes.Add(KnowledgeNote(MigrationEnd.Source, s));
        if (!ReferenceEquals(s.Profile, d.Profile)) notes.Add(KnowledgeNote(MigrationEnd.Destination, d));
        if (s.Architecture != d.Architecture)
        {
            missing.Add($"the source is {s.Architecture} and the destination {d.Architecture}: there is nothing to compare");
            return Verdict.From(findings, missing, notes);
        }
        if (capturing) return PredictCaptured(s, d, findings, missing, gaps, notes);
        ForgetModelsOfForgottenTemplates();
        // The destination's own state and its catalogue do not depend on the source: build them on another core meanwhile,
        // unless both are known already.
        var localState = _locals.Holds(destinationKey) && HasCatalog(d) ? null : Task.Run(() =>
        {
            var own = _locals.GetOrAdd(destinationKey, _ => LocalState(d));
            Catalog(d);
            return own;
        });
        var simulated = _simulations.GetOrAdd(sourceKey, _ => Simulate(s));
        var local = localState?.GetAwaiter().GetResult() ?? _locals.GetOrAdd(destinationKey, _ => LocalState(d));
        notes.AddRange(simulated.Notes);
        missing.AddRange(simulated.Missing);
        if (simulated.Model is not { } incoming) return Verdict.From(findings, missing, notes);
        notes.Add($"simulated source stream: {simulated.StreamBytes} bytes, {incoming.Devices.Count} device sections");
        var result = LoadOn(incoming, d, local, findings, missing, notes);
        result.AddRange(Targets.Target.For(s.Architecture).StreamLoaded(s, d, incoming));
        return Verdict.From(result, missing, notes);
    }

    /// <summary>Predicts whether a real stream (from any QEMU) loads on the destination.</summary>
    public Verdict PredictStream(Stream stream, HostSpec destination)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(destination);
        var notes = new List<string>();
        var incoming = StreamModelReader.Read(stream);
        notes.Add($"stream: machine {incoming.Configuration.MachineName}, {incoming.Devices.Count} device sections");
        var rd = Resolve(destination, MigrationEnd.Destination);
        var findings = new List<Finding>(rd.Findings);
        var missing = new List<string>(rd.Missing);
        var gaps = new List<string>();
        AddUnmodelled(destination, MigrationEnd.Destination, gaps);
        var streamCpus = incoming.Devices.Count(x => x.IdStr == "cpu");
        if (streamCpus != destination.Cpus)
            gaps.Add($"the stream carries {streamCpus} vCPU section(s) and the destination has -smp {destination.Cpus}: without the destination's binary to capture its configuration, Tern models it with the stream's vCPUs only");
        // The destination's devices and vCPUs as its binary really creates them, when that binary may be run.
        var capturing = gaps.Count > 0 && _knowledge.Capture is not null;
        if (!capturing) missing.AddRange(gaps);
        if (findings.Any(f => f.Severity == Severity.Fatal) || rd.Host is not { } d)
        {
            if (capturing) missing.AddRange(gaps);
            return Verdict.From(findings, missing, notes);
        }
        notes.Add(KnowledgeNote(MigrationEnd.Destination, d));
        if (capturing)
        {
            var own = Captured(d, MigrationEnd.Destination);
            notes.AddRange(own.Notes);
            findings.AddRange(own.Findings);
            if (own.Model is null)
            {
                missing.AddRange(own.Missing);
                if (own.Findings.Count == 0) missing.AddRange(gaps);
                return Verdict.From(findings, missing, notes);
            }
            var loaded = LoadOn(incoming, d, new Side(own.Model, 0, [], []), findings, missing, notes);
            missing.AddRange(CapturedConfigurationRules.UnmodelledDeviceState(incoming, own.Model));
            loaded.AddRange(CapturedConfigurationRules.SectionsOnlyOnDestination(incoming, own.Model, d));
            return Verdict.From(loaded, missing, notes);
        }
        ForgetModelsOfForgottenTemplates();
        var local = _locals.GetOrAdd(HostSpecKey.Of(destination), _ => LocalState(d));
        return Verdict.From(LoadOn(incoming, d, local, findings, missing, notes), missing, notes);
    }

    /// <summary>
    /// True when a pair needs both configurations captured: either end has options templates cannot say (devices,
    /// backends, memory devices, machine properties beyond the caps), or the two ends have different vCPUs.
    /// </summary>
    public static bool NeedsCapture(HostSpec source, HostSpec destination)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return source.Unmodelled.Count > 0 || destination.Unmodelled.Count > 0 || source.Cpus != destination.Cpus || source.Topology != destination.Topology;
    }

    // Both ends as their binaries really start them: the source's stream and the destination's own state are captures.
    private Verdict PredictCaptured(ResolvedHost s, ResolvedHost d, List<Finding> findings, List<string> missing, List<string> gaps, List<string> notes)
    {
        var destinationState = Task.Run(() => Captured(d, MigrationEnd.Destination));
        var sent = Captured(s, MigrationEnd.Source);
        var local = destinationState.GetAwaiter().GetResult();
        foreach (var side in new[] { sent, local })
        {
            notes.AddRange(side.Notes);
            findings.AddRange(side.Findings);
        }
        if (findings.Any(f => f.Severity == Severity.Fatal)) return Verdict.From(findings, [], notes);
        if (sent.Model is not { } incoming || local.Model is not { } own)
        {
            missing.AddRange(sent.Missing);
            missing.AddRange(local.Missing);
            missing.AddRange(gaps);
            return Verdict.From(findings, missing, notes);
        }
        var result = LoadOn(incoming, d, new Side(own, 0, [], []), findings, missing, notes);
        missing.AddRange(CapturedConfigurationRules.UnmodelledDeviceState(incoming, own));
        result.AddRange(CapturedConfigurationRules.SectionsOnlyOnDestination(incoming, own, d));
        result.AddRange(CapturedConfigurationRules.GuestNegotiatedState(incoming, s, d));
        result.AddRange(Targets.Target.For(s.Architecture).StreamLoaded(s, d, incoming));
        return Verdict.From(result, missing, notes);
    }

    private sealed record CapturedSide(StreamModel? Model, IReadOnlyList<Finding> Findings, IReadOnlyList<string> Notes, IReadOnlyList<string> Missing);

    // Captures are kept per configuration (either end may be asked again); each holds one stream's sections.
    private readonly BoundedCache<string, CapturedSide> _captures = new(256);

    private CapturedSide Captured(ResolvedHost host, MigrationEnd side) =>
        _captures.GetOrAdd(HostSpecKey.Of(host.Spec), _ =>
        {
            var c = _knowledge.Capture!.Capture(host.Profile, host.Architecture, host.Spec, host.Machine, host.Cpu);
            if (c.Bytes is null && c.RefusedByQemu)
                return new CapturedSide(null, [CapturedConfigurationRules.Refused(host, side, c)], [], []);
            if (c.Bytes is null)
                return new CapturedSide(null, [], [], [$"{side.Name()}: the whole configuration could not be captured from QEMU {host.Profile.Label}: {c.Error}"]);
            List<string> notes = [$"{side.Name()} state: captured from {c.Origin}"];
            StreamModel model;
            try
            {
                model = StreamModelReader.Read(c.Bytes);
            }
            catch (Exception e) when (e is Wire.MigrationStreamException or Decode.VmStateDecodeException or InvalidDataException)
            {
                return new CapturedSide(null, [], notes, [$"{side.Name()}: the stream QEMU {host.Profile.Label} wrote for this configuration cannot be read: {e.Message}"]);
            }
            // Captures run under TCG (no KVM here): what KVM changes (the host CPU's PVR, cap levels) is edited in as for a template.
            if (host.Spec.Accelerator != Accelerator.Tcg) model = Simulator.Adapt(model, host, notes);
            return new CapturedSide(model, [], notes, []);
        });

    private static string Keys(string topology) => topology.Length == 0 ? "" : "," + topology;

    // Never "compatible" over state Tern did not model: each such option is a missing fact (a fatal finding still wins).
    private static void AddUnmodelled(HostSpec spec, MigrationEnd side, List<string> missing)
    {
        foreach (var option in spec.Unmodelled)
            missing.Add($"{side.Name()}: {option} may carry migration state that Tern does not model yet; Tern cannot call this migration compatible");
    }

    // Which kind of knowledge a verdict stands on: measured from a binary, or entered from QEMU's source history.
    private static string KnowledgeNote(MigrationEnd side, ResolvedHost h) =>
        $"{side.Name()} knowledge: QEMU {h.Profile.Label} ({h.Profile.Provenance}): {h.Profile.Source}";

    private Resolution Resolve(HostSpec spec, MigrationEnd side) => Resolve(spec, side, HostSpecKey.Of(spec));

    private Resolution Resolve(HostSpec spec, MigrationEnd side, string key) =>
        _resolutions.GetOrAdd((side, key), _ =>
        {
            List<Finding> findings = [];
            List<string> missing = [];
            var host = HostResolver.Resolve(spec, side, _knowledge, findings, missing);
            return new Resolution(host, findings, missing);
        });

    /// <summary>The stream the source would send, as real bytes read back exactly as a file from QEMU would be read.</summary>
    private Side Simulate(ResolvedHost s)
    {
        List<string> notes = [], missing = [];
        var model = _simulator.SimulateReadBack(s, notes, missing, out var length);
        return new Side(model, length, notes, missing);
    }

    // The model caches hold sections of the Simulator's decoded templates: when that cache starts afresh, so do they,
    // so that memory stays bounded by the templates it holds, not by how many configurations were seen.
    private void ForgetModelsOfForgottenTemplates()
    {
        var generation = _simulator.Generation;
        if (generation == Volatile.Read(ref _templateGeneration)) return;
        lock (_simulations)
        {
            if (generation == _templateGeneration) return;
            _simulations.Clear();
            _locals.Clear();
            Volatile.Write(ref _templateGeneration, generation);
        }
    }

    /// <summary>The destination's own state, with the notes and gaps found while building it.</summary>
    private Side LocalState(ResolvedHost d)
    {
        List<string> notes = [], missing = [];
        return new Side(_simulator.Model(d, notes, missing), 0, notes, missing);
    }

    private List<Finding> LoadOn(StreamModel incoming, ResolvedHost d, Side local, List<Finding> findings, List<string> missing, List<string> notes)
    {
        notes.AddRange(local.Notes);
        missing.AddRange(local.Missing);
        if (local.Model is null) return findings;
        var catalog = Catalog(d);
        findings.AddRange(Loader.Load(incoming, d, local.Model, catalog));
        return findings;
    }

    private bool HasCatalog(ResolvedHost d)
    {
        lock (_catalogs) return _catalogs.ContainsKey(CatalogKey(d));
    }

    private static string CatalogKey(ResolvedHost d) => $"{d.Profile.Label}/{d.Architecture}";

    private DestinationCatalog Catalog(ResolvedHost d)
    {
        var key = CatalogKey(d);
        lock (_catalogs)
        {
            if (!_catalogs.TryGetValue(key, out var c))
            {
                c = DestinationCatalog.For(d);
                _catalogs[key] = c;
            }
            return c;
        }
    }
}
