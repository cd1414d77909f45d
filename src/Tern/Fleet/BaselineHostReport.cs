namespace Tern.Fleet;

/// <summary>One host of a baseline: its own defaults, and what it gives up running the baseline.</summary>
/// <param name="Name">The host (or label) as given.</param>
/// <param name="Qemu">Its QEMU label.</param>
/// <param name="DefaultMachine">The machine type its unversioned alias resolves to.</param>
/// <param name="DefaultCpu">That machine type's default CPU model, or null.</param>
/// <param name="GivesUp">Each difference from those defaults that the baseline imposes, one line each.</param>
public sealed record BaselineHostReport(string Name, string Qemu, string? DefaultMachine, string? DefaultCpu, IReadOnlyList<string> GivesUp);
