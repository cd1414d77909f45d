namespace Tern.Lab.Predictions;

/// <summary>What a predictor says about a migration.</summary>
public enum PredictionVerdict
{
    /// <summary>It will migrate.</summary>
    Compatible,
    /// <summary>It will not migrate.</summary>
    Incompatible,
    /// <summary>The predictor cannot decide (missing facts, or no predictor).</summary>
    Undecidable,
}
