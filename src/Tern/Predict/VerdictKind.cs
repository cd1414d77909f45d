namespace Tern.Predict;

/// <summary>The answer to "will it migrate?".</summary>
public enum VerdictKind
{
    /// <summary>No fatal finding.</summary>
    Compatible,
    /// <summary>At least one fatal finding.</summary>
    Incompatible,
    /// <summary>Facts are missing to decide; <see cref="Verdict.Missing"/> says which.</summary>
    Undecidable,
}
