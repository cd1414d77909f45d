namespace Tern.Predict;

/// <summary>What a finding is based on: where in the stream and which values.</summary>
public sealed record Evidence
{
    /// <summary>The section idstr, when the finding is about one.</summary>
    public string? Section { get; init; }
    /// <summary>The subsection name, when the finding is about one.</summary>
    public string? Subsection { get; init; }
    /// <summary>The field or register name.</summary>
    public string? Field { get; init; }
    /// <summary>The source's (incoming) value.</summary>
    public string? SourceValue { get; init; }
    /// <summary>The destination's value.</summary>
    public string? DestinationValue { get; init; }
    /// <summary>Absolute offset in the stream, when the finding comes from a stream.</summary>
    public long? Offset { get; init; }
}
