namespace Tern.Predict;

/// <summary>
/// One rule that fired: a stable <see cref="Code"/>, its severity, an explanation, the lines real QEMU
/// prints for it (without the <c>qemu-system-*: </c> prefix), the evidence, a remedy, and where the rule comes from.
/// </summary>
public sealed record Finding
{
    /// <summary>Stable code, e.g. <c>spapr-cap-level</c>, <c>ppc-pvr-mismatch</c>.</summary>
    public required string Code { get; init; }
    /// <summary>Severity.</summary>
    public required Severity Severity { get; init; }
    /// <summary>Tern's explanation.</summary>
    public required string Message { get; init; }
    /// <summary>QEMU's own error lines for this case in the destination's (or source's) QEMU version, first line first.</summary>
    public IReadOnlyList<string> QemuError { get; init; } = [];
    /// <summary>The evidence.</summary>
    public Evidence Evidence { get; init; } = new();
    /// <summary>What to do about it.</summary>
    public string? Remedy { get; init; }
    /// <summary>The QEMU source the rule is encoded from (file/function, versions).</summary>
    public required string Rule { get; init; }
    /// <summary>Which end's QEMU reports it.</summary>
    public MigrationEnd Side { get; init; } = MigrationEnd.Destination;
    /// <summary>How sure Tern is.</summary>
    public FindingConfidence Confidence { get; init; } = FindingConfidence.Code;
}
