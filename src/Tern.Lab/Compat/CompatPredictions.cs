using System.Collections.Concurrent;
using Tern.Lab.Predictions;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Compat;

/// <summary>
/// The verdicts a compat run already computed, served to <see cref="Matrix.MatrixRunner"/> so that the lab records
/// agreement against exactly the prediction the report shows.
/// </summary>
public sealed class CompatPredictions : IMigrationPredictor
{
    private readonly ConcurrentDictionary<(string, string, string?, string?), Verdict> _verdicts = new();

    /// <summary>Remembers <paramref name="verdict"/> for the pair.</summary>
    public void Add(HostSpec source, HostSpec destination, Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        _verdicts[Key(source, destination)] = verdict;
    }

    /// <inheritdoc />
    public Prediction Predict(HostSpec source, HostSpec destination, string? streamPath)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        return _verdicts.TryGetValue(Key(source, destination), out var v)
            ? TernPredictor.FromVerdict(v)
            : Prediction.Undecidable($"no compat prediction for {source.Qemu} → {destination.Qemu} {source.Machine}");
    }

    private static (string, string, string?, string?) Key(HostSpec s, HostSpec d) => (s.Qemu, d.Qemu, s.Machine, s.Cpu);
}
