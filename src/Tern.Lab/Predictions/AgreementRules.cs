using Tern.Lab.Migration;

namespace Tern.Lab.Predictions;

/// <summary>Compares a prediction with the outcome real QEMU produced.</summary>
public static class AgreementRules
{
    /// <summary>
    /// <c>agree</c> when compatible ⇔ success (every other QEMU outcome means "does not migrate"),
    /// <c>disagree</c> otherwise, <c>unpredicted</c> for undecidable predictions and lab errors.
    /// </summary>
    public static Agreement Compare(PredictionVerdict verdict, MigrationOutcome outcome)
    {
        if (verdict == PredictionVerdict.Undecidable || outcome == MigrationOutcome.Error) return Agreement.Unpredicted;
        var migrated = outcome == MigrationOutcome.Success;
        return (verdict == PredictionVerdict.Compatible) == migrated ? Agreement.Agree : Agreement.Disagree;
    }

    /// <summary>The wire name: <c>agree</c>, <c>disagree</c>, <c>unpredicted</c>.</summary>
    public static string ToName(this Agreement agreement) => agreement switch
    {
        Agreement.Agree => "agree",
        Agreement.Disagree => "disagree",
        _ => "unpredicted",
    };

    /// <summary>The wire name of a verdict: <c>compatible</c>, <c>incompatible</c>, <c>undecidable</c>.</summary>
    public static string ToName(this PredictionVerdict verdict) => verdict switch
    {
        PredictionVerdict.Compatible => "compatible",
        PredictionVerdict.Incompatible => "incompatible",
        _ => "undecidable",
    };

    /// <summary>Parses a verdict name.</summary>
    public static PredictionVerdict ParseVerdict(string? name) => name switch
    {
        "compatible" => PredictionVerdict.Compatible,
        "incompatible" => PredictionVerdict.Incompatible,
        _ => PredictionVerdict.Undecidable,
    };

    /// <summary>Parses an agreement name.</summary>
    public static Agreement ParseAgreement(string? name) => name switch
    {
        "agree" => Agreement.Agree,
        "disagree" => Agreement.Disagree,
        _ => Agreement.Unpredicted,
    };
}
