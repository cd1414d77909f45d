using Tern.Lab.Migration;

namespace Tern.Lab.Predictions;

/// <summary>How a prediction compares with the real outcome.</summary>
public enum Agreement
{
    /// <summary>The predictor was undecidable (or QEMU gave no verdict: a lab error).</summary>
    Unpredicted,
    /// <summary>Compatible and it migrated, or incompatible and it did not.</summary>
    Agree,
    /// <summary>The opposite.</summary>
    Disagree,
}
