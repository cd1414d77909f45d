using Tern.Lab.Installation;

namespace Tern.Cli.Reports;

/// <summary>One row of <c>tern lab list</c>: an installation's binary for one architecture and what it answered to query-version.</summary>
/// <param name="Installation">The lab installation.</param>
/// <param name="Arch">The architecture of the binary (<c>ppc64</c>, <c>aarch64</c>).</param>
/// <param name="Version">The version QEMU reported over QMP (empty when it did not answer).</param>
/// <param name="Error">Why QEMU did not answer, or null.</param>
internal sealed record LabVersionRow(QemuInstallation Installation, string Arch, string Version, string? Error);
