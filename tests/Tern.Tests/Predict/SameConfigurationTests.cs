using Tern.Knowledge;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// Every configuration Tern holds a real stream of migrated to itself on the same QEMU in the lab (that is how the
/// stream was made, and tests/fixtures/outcomes.jsonl shows every same-version hop succeeding): Tern must agree.
/// </summary>
public sealed class SameConfigurationTests
{
    private static readonly Predictor Predictor = new();

    public static TheoryData<string> Templates()
    {
        var data = new TheoryData<string>();
        foreach (var t in TemplateCatalog.Templates) data.Add(t.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void A_configuration_migrates_to_itself(string template)
    {
        var t = TemplateCatalog.Templates.Single(x => x.Name == template);
        var verdict = Predictor.Predict(t.Source, t.Source);
        Assert.True(verdict.Kind == VerdictKind.Compatible,
            $"{template}: {verdict.Kind}: {string.Join(" | ", verdict.Findings.Where(f => f.Severity == Severity.Fatal).Select(f => f.Message))} {string.Join(";", verdict.Missing)}");
    }
}
