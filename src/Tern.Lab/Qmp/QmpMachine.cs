namespace Tern.Lab.Qmp;

/// <summary>One entry of <c>query-machines</c>.</summary>
/// <param name="Name">The machine type name, e.g. <c>pseries-7.2</c>.</param>
/// <param name="Alias">Its alias (<c>pseries</c>), if any.</param>
/// <param name="IsDefault">Whether it is the default machine.</param>
/// <param name="DefaultCpuType">The default CPU QOM type (<c>power9_v2.0-powerpc64-cpu</c>), when reported (QEMU 4.2+).</param>
/// <param name="Deprecated">Whether it is deprecated.</param>
/// <param name="CpuMax">Maximum vCPUs.</param>
public sealed record QmpMachine(string Name, string? Alias, bool IsDefault, string? DefaultCpuType, bool Deprecated, int CpuMax);
