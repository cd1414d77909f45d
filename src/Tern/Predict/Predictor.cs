using Tern.Knowledge;
using Tern.Platforms;
using Tern.Platforms.Ppc;

namespace Tern.Predict;

/// <summary>
/// Predicts a migration: resolves both ends (start-up gates), simulates the source's stream (or takes a real one),
/// builds the destination's own state, and runs the destination's load rules over the stream.
/// </summary>
public sealed class Predictor
{
    private readonly KnowledgeBase _knowledge;
    private readonly Simulator _simulator;
    private readonly Dictionary<string, DestinationCatalog> _catalogs = new(StringComparer.Ordinal);

    /// <summary>Creates a predictor over a knowledge base (default: the embedded one).</summary>
    public Predictor(KnowledgeBase? knowledge = null)
    {
        _knowledge = knowledge ?? KnowledgeBase.Default;
        _simulator = new Simulator(_knowledge);
    }

    /// <summary>Predicts the migration from a source configuration to a destination configuration.</summary>
    public Verdict Predict(HostSpec source, HostSpec destination)
    {
        var findings = new List<Finding>();
        var missing = new List<string>();
        var notes = new List<string>();
        var s = HostResolver.Resolve(source, "source", _knowledge, findings, missing);
        if (findings.Any(f => f.Severity == Severity.Fatal)) return Verdict.From(findings, [], notes);
        var d = HostResolver.Resolve(destination, "destination", _knowledge, findings, missing);
        if (findings.Any(f => f.Severity == Severity.Fatal && f.Side == "destination")) return Verdict.From(findings, [], notes);
        if (s is null || d is null) return Verdict.From(findings, missing, notes);
        if (s.Architecture != d.Architecture)
        {
            missing.Add($"the source is {s.Architecture} and the destination {d.Architecture}: there is nothing to compare");
            return Verdict.From(findings, missing, notes);
        }
        // The destination's own state does not depend on the source: build it on another core meanwhile.
        var localState = Task.Run(() => LocalState(d));
        var bytes = _simulator.Simulate(s, notes, missing);
        var local = localState.GetAwaiter().GetResult();
        if (bytes is null) return Verdict.From(findings, missing, notes);
        // The simulated stream is real bytes: read it back exactly as a file from QEMU would be read.
        var incoming = StreamModelReader.Read(new MemoryStream(bytes));
        notes.Add($"simulated source stream: {bytes.Length} bytes, {incoming.Devices.Count} device sections");
        var result = LoadOn(incoming, d, local, findings, missing, notes);
        if (s.Architecture == Architecture.Ppc64) result.AddRange(SilentCapChanges(s, d, incoming));
        return Verdict.From(result, missing, notes);
    }

    /// <summary>Predicts whether a real stream (from any QEMU) loads on the destination.</summary>
    public Verdict PredictStream(Stream stream, HostSpec destination)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var findings = new List<Finding>();
        var missing = new List<string>();
        var notes = new List<string>();
        var incoming = StreamModelReader.Read(stream);
        notes.Add($"stream: machine {incoming.Configuration.MachineName}, {incoming.Devices.Count} device sections");
        var d = HostResolver.Resolve(destination, "destination", _knowledge, findings, missing);
        if (findings.Any(f => f.Severity == Severity.Fatal) || d is null) return Verdict.From(findings, missing, notes);
        return Verdict.From(LoadOn(incoming, d, LocalState(d), findings, missing, notes), missing, notes);
    }

    /// <summary>The destination's own state, with the notes and gaps found while building it (kept apart so it can run concurrently).</summary>
    private (StreamModel? Model, List<string> Notes, List<string> Missing) LocalState(ResolvedHost d)
    {
        List<string> notes = [], missing = [];
        return (_simulator.Model(d, notes, missing), notes, missing);
    }

    private List<Finding> LoadOn(StreamModel incoming, ResolvedHost d, (StreamModel? Model, List<string> Notes, List<string> Missing) local, List<Finding> findings, List<string> missing, List<string> notes)
    {
        notes.AddRange(local.Notes);
        missing.AddRange(local.Missing);
        if (local.Model is null) return findings;
        var catalog = Catalog(d);
        findings.AddRange(Loader.Load(incoming, d, local.Model, catalog));
        return findings;
    }

    private DestinationCatalog Catalog(ResolvedHost d)
    {
        var key = $"{d.Profile.Label}/{d.Architecture}";
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

    /// <summary>
    /// Tern's own check beyond QEMU's (compat-rules §1.6): a cap the source does not send is assumed at the destination's
    /// default; if the source really ran at another level, the guest sees a change that QEMU never reports.
    /// </summary>
    private static IEnumerable<Finding> SilentCapChanges(ResolvedHost s, ResolvedHost d, StreamModel incoming)
    {
        var spapr = incoming.Device("spapr");
        if (spapr is null) yield break;
        foreach (var cap in SpaprCaps.All)
        {
            if (!SpaprCaps.Exists(s.Version, cap) || !SpaprCaps.Exists(d.Version, cap)) continue;
            if (spapr.Body.Subsection(cap.Subsection) is not null) continue;
            if (s.CapEffective[cap.Id] == d.CapDefaults[cap.Id]) continue;
            yield return new Finding
            {
                Code = "spapr-cap-silent-change",
                Severity = Severity.Warning,
                Message = $"{cap.Property}: the source runs at level {s.CapEffective[cap.Id]} but does not send it (it is the source's default); the destination assumes its own default {d.CapDefaults[cap.Id]} — a change the guest can see and QEMU does not report",
                Rule = "hw/ppc/spapr_caps.c spapr_cap_*_needed (only command-line values that differ from the default are sent) + spapr_caps_pre_load",
                Evidence = new Evidence { Section = "spapr", Field = cap.Property, SourceValue = s.CapEffective[cap.Id].ToString(System.Globalization.CultureInfo.InvariantCulture), DestinationValue = d.CapDefaults[cap.Id].ToString(System.Globalization.CultureInfo.InvariantCulture) },
                Remedy = $"set {cap.Property} explicitly to the same value on both ends",
                Confidence = "inferred",
            };
        }
    }
}
