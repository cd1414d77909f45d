namespace Tern.Knowledge;

/// <summary>The result of a configuration capture.</summary>
/// <param name="Bytes">The real stream without its RAM pages, or null when there is none.</param>
/// <param name="Origin">What ran: the binary and the options it was started with (backends replaced by null ones).</param>
/// <param name="Error">Why there is no stream: no binary for this build on this machine, or QEMU's own refusal.</param>
/// <param name="RefusedByQemu">True when QEMU itself refused the configuration (its stderr is in <paramref name="Error"/>).</param>
public sealed record CapturedStream(byte[]? Bytes, string Origin, string? Error, bool RefusedByQemu = false);
