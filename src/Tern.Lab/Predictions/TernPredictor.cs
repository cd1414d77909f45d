using System.Collections.Concurrent;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Lab.Predictions;

/// <summary>
/// Tern's own prediction (<see cref="Predictor"/>) behind <see cref="IMigrationPredictor"/>: from the two
/// configurations (what a user would ask), or, with <c>useRealStream</c>, from the real source stream the
/// cell recorded (<see cref="Predictor.PredictStream"/>).
/// </summary>
public sealed class TernPredictor : IMigrationPredictor
{
    private readonly ConcurrentBag<Predictor> _pool = [];
    private readonly Func<Predictor> _factory;
    private readonly bool _useRealStream;

    /// <summary>
    /// Creates the adapter. <paramref name="factory"/> makes predictors (default: over the embedded knowledge); cells
    /// predicted at the same time each borrow their own, so no predictor is used by two threads at once.
    /// </summary>
    public TernPredictor(bool useRealStream = false, Func<Predictor>? factory = null)
    {
        _factory = factory ?? (() => new Predictor());
        _useRealStream = useRealStream;
    }

    /// <inheritdoc />
    public Prediction Predict(HostSpec source, HostSpec destination, string? streamPath)
    {
        if (_useRealStream && (streamPath is null || !File.Exists(streamPath)))
            return Prediction.Undecidable("no real source stream (the source did not start or write one)");
        if (!_pool.TryTake(out var predictor)) predictor = _factory();
        try
        {
            if (!_useRealStream) return FromVerdict(predictor.Predict(source, destination));
            using var stream = File.OpenRead(streamPath!);
            return FromVerdict(predictor.PredictStream(stream, destination));
        }
        finally
        {
            _pool.Add(predictor);
        }
    }

    /// <summary>Maps a <see cref="Verdict"/> to a <see cref="Prediction"/>.</summary>
    public static Prediction FromVerdict(Verdict verdict)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var kind = verdict.Kind switch
        {
            VerdictKind.Compatible => PredictionVerdict.Compatible,
            VerdictKind.Incompatible => PredictionVerdict.Incompatible,
            _ => PredictionVerdict.Undecidable,
        };
        var fatal = verdict.FirstFatal;
        var summary = kind switch
        {
            PredictionVerdict.Incompatible => fatal?.Message ?? "incompatible",
            PredictionVerdict.Undecidable => verdict.Missing.Count > 0 ? "undecidable: " + string.Join("; ", verdict.Missing) : "undecidable",
            _ => verdict.Findings.Count > 0 ? $"compatible ({verdict.Findings.Count} non-fatal findings)" : "compatible",
        };
        return new Prediction(kind, fatal?.QemuError ?? [], verdict.Findings.Select(f => f.Code).ToList(), summary);
    }
}
