namespace Tern.Predict;

/// <summary>Where one device section is in a written stream.</summary>
/// <param name="Header">The offset of its section header (what a reader reports as the section's offset).</param>
/// <param name="BodyStart">The offset of its body.</param>
/// <param name="BodyLength">The body's length.</param>
internal readonly record struct SectionSpan(long Header, long BodyStart, long BodyLength);
