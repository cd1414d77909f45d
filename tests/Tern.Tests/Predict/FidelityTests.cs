using Tern.Predict;
using Tern.Tests.Support;

namespace Tern.Tests.Predict;

/// <summary>
/// Every hop real QEMU ran (tests/fixtures/outcomes.jsonl) is predicted from the configuration alone, and from the
/// real stream when one was kept: the verdict must match the real outcome, and for a failure the first error line
/// the failing QEMU printed must be one of the predicted QEMU error lines.
/// </summary>
public sealed class FidelityTests
{
    private static readonly Predictor Predictor = new();

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
        var verdict = Predictor.Predict(o.Source, o.Destination);
        AssertMatches(o, verdict);
    }

    [Theory]
    [MemberData(nameof(HopsWithStreams))]
    public void Prediction_from_the_real_stream_matches_real_QEMU(string hop)
    {
        var o = Outcome.Fixtures().Single(x => x.ToString() == hop);
        using var stream = new MemoryStream(Fixtures.StreamBytes(o.Stream!));
        var verdict = Predictor.PredictStream(stream, o.Destination);
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
}
