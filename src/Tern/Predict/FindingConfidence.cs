namespace Tern.Predict;

/// <summary>How sure Tern is of a finding (JSON: <c>code</c>, <c>data</c>, <c>inferred</c>).</summary>
public enum FindingConfidence
{
    /// <summary>The rule was read in QEMU's source.</summary>
    Code,
    /// <summary>The finding comes from a real QEMU run (a capture refused, a measured value).</summary>
    Data,
    /// <summary>Tern infers it beyond what QEMU checks (a change the guest sees that QEMU loads silently).</summary>
    Inferred,
}
