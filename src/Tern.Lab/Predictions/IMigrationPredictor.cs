using Tern.Platforms;

namespace Tern.Lab.Predictions;

/// <summary>
/// Tern's prediction for a matrix cell, compared with what real QEMU did. The real implementation wraps
/// <c>Tern.Predict.Predictor</c>; <see cref="NullPredictor"/> answers undecidable.
/// </summary>
public interface IMigrationPredictor
{
    /// <summary>
    /// Predicts whether <paramref name="source"/> migrates to <paramref name="destination"/>.
    /// <paramref name="streamPath"/> is the stream the real source wrote for this cell (null when the source did not start),
    /// for predictors that read it; a predictor must not rely on it being present.
    /// </summary>
    Prediction Predict(HostSpec source, HostSpec destination, string? streamPath);
}
