namespace Tern.Fuzz;

/// <summary>
/// Thrown by a target when Tern returned normally but broke a promise (e.g. a round trip that is not byte-identical).
/// It is never an own error, so AFL records the input as a crash.
/// </summary>
public sealed class FuzzContractException(string message) : Exception(message);
