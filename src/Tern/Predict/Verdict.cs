namespace Tern.Predict;

/// <summary>The result of a prediction: the verdict, every finding in QEMU's order, and the facts that were missing.</summary>
public sealed record Verdict
{
    /// <summary>Compatible, incompatible or undecidable.</summary>
    public required VerdictKind Kind { get; init; }
    /// <summary>All findings, fatal ones in the order QEMU would meet them.</summary>
    public required IReadOnlyList<Finding> Findings { get; init; }
    /// <summary>Facts that were missing (for an undecidable verdict, or that weakened a decision).</summary>
    public IReadOnlyList<string> Missing { get; init; } = [];
    /// <summary>Notes about how the prediction was made (templates used, assumptions).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The first fatal finding: the one real QEMU reports.</summary>
    public Finding? FirstFatal => Findings.FirstOrDefault(f => f.Severity == Severity.Fatal);

    /// <summary>Builds a verdict from findings: incompatible if any is fatal, undecidable if facts are missing, else compatible.</summary>
    public static Verdict From(IReadOnlyList<Finding> findings, IReadOnlyList<string> missing, IReadOnlyList<string> notes)
    {
        var kind = findings.Any(f => f.Severity == Severity.Fatal) ? VerdictKind.Incompatible
            : missing.Count > 0 ? VerdictKind.Undecidable
            : VerdictKind.Compatible;
        return new Verdict { Kind = kind, Findings = findings, Missing = missing, Notes = notes };
    }
}
