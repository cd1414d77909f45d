namespace Tern.Lab.Migration;

/// <summary>Where the time of a hop went (milliseconds).</summary>
/// <param name="SourceStartMs">Source process start until QMP answered.</param>
/// <param name="SaveMs">The source's <c>migrate</c> until <c>completed</c>.</param>
/// <param name="DestinationStartMs">Destination process start until QMP answered.</param>
/// <param name="LoadMs">The destination's <c>migrate-incoming</c> until completed or exit.</param>
/// <param name="TotalMs">The whole hop, wall clock.</param>
/// <param name="QemuProcessMs">The sum of the lifetimes of the QEMU processes the hop started (what QEMU itself cost).</param>
/// <param name="QemuSpanMs">From the first QEMU start to the last QEMU exit of the hop (the part of <paramref name="TotalMs"/> a QEMU was alive).</param>
public sealed record MigrationTimings(double SourceStartMs, double SaveMs, double DestinationStartMs, double LoadMs, double TotalMs, double QemuProcessMs, double QemuSpanMs = 0);
