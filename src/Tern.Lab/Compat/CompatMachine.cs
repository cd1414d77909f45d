namespace Tern.Lab.Compat;

/// <summary>A machine type's cells and the one-line summary a reviewer reads.</summary>
/// <param name="Machine">The machine type.</param>
/// <param name="Cells">One per CPU model, default CPU first.</param>
/// <param name="Summary">E.g. <c>pseries-7.2: forward breaks — default CPU moved … — fix: pin -cpu …; backward ok</c>.</param>
public sealed record CompatMachine(string Machine, IReadOnlyList<CompatCell> Cells, string Summary);
