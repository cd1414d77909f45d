namespace Tern.Lab.Predictions;

/// <summary>A predictor's answer for one migration.</summary>
/// <param name="Verdict">Compatible, incompatible or undecidable.</param>
/// <param name="QemuErrors">The stderr lines the predictor expects QEMU to print (without the <c>qemu-system-*: </c> prefix), first first.</param>
/// <param name="FindingCodes">The codes of the findings (e.g. <c>spapr-cap-level</c>).</param>
/// <param name="Summary">One line for humans.</param>
public sealed record Prediction(PredictionVerdict Verdict, IReadOnlyList<string> QemuErrors, IReadOnlyList<string> FindingCodes, string Summary)
{
    /// <summary>The answer when nothing can be said.</summary>
    public static Prediction Undecidable(string summary) => new(PredictionVerdict.Undecidable, [], [], summary);
}
