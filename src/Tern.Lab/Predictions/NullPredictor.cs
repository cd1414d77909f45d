using Tern.Platforms;

namespace Tern.Lab.Predictions;

/// <summary>The placeholder predictor: always undecidable, so every cell is marked <c>unpredicted</c>.</summary>
public sealed class NullPredictor : IMigrationPredictor
{
    /// <summary>The shared instance.</summary>
    public static NullPredictor Instance { get; } = new();

    /// <inheritdoc />
    public Prediction Predict(HostSpec source, HostSpec destination, string? streamPath) =>
        Prediction.Undecidable("no predictor plugged in");
}
