using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Predict;

/// <summary>
/// Every hop real QEMU ran (tests/fixtures/outcomes.jsonl) is predicted from the configuration alone, and from the
/// real stream when one was kept: the verdict must match the real outcome, and for a failure the first error line
/// the failing QEMU printed must be one of the predicted QEMU error lines.
/// <para>
/// Where judge and prediction come from (audited 2026-12-03). Outcomes: tests/fixtures/outcomes.jsonl (116 hops, the
/// fixture runs; 34 of them kept their stream in tests/fixtures/streams) and lab-outcomes.jsonl (705 hops by
/// scripts/run-lab-hops.py, whose streams are temporary files deleted after each hop: none is kept). Predictions stand on
/// the stream templates of Knowledge/Data/templates (index.json <c>origin</c>: 34 cut from the fixture streams —
/// <c>fixtures/…</c>, every kept fixture stream is one — and 255 from scripts/make-lab-streams.py runs — <c>lab/…</c>)
/// and on the embedded profiles' samples (their own `tern profile` runs). With the embedded knowledge as shipped, 48
/// fixture hops were predicted from a fixture stream and 5 of them from their own run's stream
/// (cap-cfpc-default-vs-broken, cpu-P8-vs-P9, cpu-P9compat9-vs-P10compat9 forward; f-7.2-to-10.0.13-pseries-7.2-cpu9v20
/// forward and back, whose destination state was the .back stream that very destination wrote), and 2 stream-based
/// predictions took the destination's state from their own run (cap-cfpc-default-vs-broken,
/// f-7.2-to-10.0.13-pseries-7.2-cpu9v20 forward). So fixture hops are judged here with <see cref="IndependentKnowledge"/>:
/// the embedded knowledge without any fixture-derived template (the predictor then stands on lab streams and profile
/// samples, other real runs of the same builds); every verdict was the same. The lab hops share no run with any
/// template and are judged with the knowledge as shipped. The tests at the end keep it so.
/// </para>
/// </summary>
public sealed class FidelityTests
{
    private static readonly Predictor Predictor = new();

    // Fixture outcomes are judged without the templates cut from the fixture streams (their own runs' streams).
    private static readonly Predictor Independent = new(IndependentKnowledge.WithoutFixtureTemplates);

    public static TheoryData<string> Hops()
    {
        var data = new TheoryData<string>();
        foreach (var o in Outcome.Fixtures()) data.Add(o.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(Hops))]
    public void Prediction_from_configuration_matches_real_QEMU(string hop)
    {
        var o = Outcome.Fixtures().Single(x => x.ToString() == hop);
        var verdict = Independent.Predict(o.Source, o.Destination);
        AssertIndependent(o, verdict);
        AssertMatches(o, verdict);
    }

    [Theory]
    [MemberData(nameof(HopsWithStreams))]
    public void Prediction_from_the_real_stream_matches_real_QEMU(string hop)
    {
        var o = Outcome.Fixtures().Single(x => x.ToString() == hop);
        using var stream = new MemoryStream(Fixtures.StreamBytes(o.Stream!));
        var verdict = Independent.PredictStream(stream, o.Destination);
        AssertIndependent(o, verdict);
        AssertMatches(o, verdict);
    }

    public static TheoryData<string> LabHops()
    {
        var data = new TheoryData<string>();
        foreach (var o in Outcome.Lab()) data.Add(o.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(LabHops))]
    public void Prediction_from_configuration_matches_real_QEMU_in_the_lab(string hop)
    {
        var o = Outcome.Lab().Single(x => x.ToString() == hop);
        AssertMatches(o, Predictor.Predict(o.Source, o.Destination));
    }

    public static TheoryData<string> HopsWithStreams()
    {
        var data = new TheoryData<string>();
        // A kept stream is the one the hop's source wrote; only hops whose source did not fail to start have one.
        foreach (var o in Outcome.Fixtures().Where(o => o.Stream is not null && o.Result != "source-start-failed")) data.Add(o.ToString());
        return data;
    }

    internal static void AssertMatches(Outcome o, Verdict verdict)
    {
        var detail = $"{o}: real {o.Result} ({o.FirstError}); predicted {verdict.Kind}: "
            + string.Join(" | ", verdict.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => $"{f.Code}: {string.Join(" / ", f.QemuError)}"))
            + (verdict.Missing.Count > 0 ? " missing: " + string.Join("; ", verdict.Missing) : "");
        if (o.Succeeded)
        {
            Assert.True(verdict.Kind == VerdictKind.Compatible, detail);
            return;
        }
        Assert.True(verdict.Kind == VerdictKind.Incompatible, detail);
        Assert.True(verdict.FirstFatal!.QemuError.Contains(o.FirstError), detail);
    }

    // The verdict's notes name each template it stood on with its origin ("state from template NAME (ORIGIN)").
    private static void AssertIndependent(Outcome o, Verdict verdict) =>
        Assert.DoesNotContain(verdict.Notes, n => n.Contains("(" + IndependentKnowledge.FixtureOrigin, StringComparison.Ordinal) && n.Contains("state from template", StringComparison.Ordinal));

    private static IEnumerable<StreamTemplate> TemplatesOf(KnowledgeBase knowledge) =>
        knowledge.Labels.Select(knowledge.Find).SelectMany(p => new[] { Architecture.Ppc64, Architecture.Aarch64 }.SelectMany(a => p!.TemplatesFor(a)));

    // "fixtures/NAME.stream.gz" and "lab/NAME.stream.gz" → NAME without ".back": the case (the run) a stream came from.
    private static string RunOf(string origin) => Path.GetFileName(origin).Replace(".stream.gz", "", StringComparison.Ordinal).Replace(".back", "", StringComparison.Ordinal);

    [Fact]
    public void No_template_the_fixture_hops_are_judged_with_comes_from_a_fixture_run()
    {
        // Given every stream the fixture runs kept (MANIFEST.tsv) and every case they ran
        var kept = File.ReadLines(Path.Combine(Fixtures.Root, "streams", "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t')[0]).ToHashSet(StringComparer.Ordinal);
        var runs = Outcome.Fixtures().Select(o => o.Case).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("cap-cfpc-default-vs-broken.stream.gz", kept);

        // When the templates of the knowledge the fixture hops are judged with are listed
        var templates = TemplatesOf(IndependentKnowledge.WithoutFixtureTemplates).ToList();

        // Then none is a kept fixture stream or any other stream of a fixture run
        Assert.NotEmpty(templates);
        Assert.All(templates, t =>
        {
            Assert.DoesNotContain(Path.GetFileName(t.Origin), kept);
            Assert.False(t.Origin.StartsWith("fixtures/", StringComparison.Ordinal) && runs.Contains(RunOf(t.Origin)), t.Origin);
        });
        // …while the knowledge as shipped does carry them (what the exclusion is for)
        Assert.Contains(TemplatesOf(KnowledgeBase.Default), t => t.Origin == "fixtures/cap-cfpc-default-vs-broken.stream.gz");
    }

    [Fact]
    public void No_lab_hop_kept_a_stream_and_no_template_comes_from_a_lab_hop()
    {
        // Lab hops migrate through a temporary file that run-lab-hops.py deletes: nothing of theirs can be a template.
        Assert.All(Outcome.Lab(), o => Assert.Null(o.Stream));
        var hops = Outcome.Lab().Select(o => o.Case).ToHashSet(StringComparer.Ordinal);
        var templates = TemplatesOf(KnowledgeBase.Default).ToList();
        Assert.All(templates, t => Assert.DoesNotContain(RunOf(t.Origin), hops));
        // The lab's templates are make-lab-streams.py runs ("lab/…"), the others fixture runs or profile samples.
        Assert.All(templates, t => Assert.True(t.Origin.StartsWith("lab/", StringComparison.Ordinal) || t.Origin.StartsWith("fixtures/", StringComparison.Ordinal) || t.Origin.StartsWith("sample in embedded profiles/", StringComparison.Ordinal), t.Origin));
    }
}
