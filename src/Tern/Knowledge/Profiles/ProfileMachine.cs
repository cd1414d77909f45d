namespace Tern.Knowledge.Profiles;

/// <summary>One machine type as <c>query-machines</c> reports it, with what the profiler measured on it.</summary>
public sealed record ProfileMachine
{
    /// <summary>The machine type, e.g. <c>pseries-11.1</c>.</summary>
    public required string Name { get; init; }
    /// <summary>The unversioned alias that resolves to it (<c>pseries</c>), or null.</summary>
    public string? Alias { get; init; }
    /// <summary>True for the binary's default machine.</summary>
    public bool IsDefault { get; init; }
    /// <summary>True when QEMU marks it deprecated.</summary>
    public bool Deprecated { get; init; }
    /// <summary>The <c>-cpu</c> name of the default CPU type (<c>power10_v2.0</c>), or null.</summary>
    public string? DefaultCpu { get; init; }
    /// <summary>Maximum vCPUs.</summary>
    public int CpuMax { get; init; }
    /// <summary>
    /// spapr caps as a started machine with its default CPU reads them (<c>qom-get /machine cap-*</c>: the effective
    /// values after the CPU clamp), by property name, values as QEMU prints them; empty when not measured.
    /// </summary>
    public IReadOnlyDictionary<string, string> Caps { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
    /// <summary>The <see cref="ProfileDump.Sha256"/> of this machine type's <c>-dump-vmstate</c>, or null.</summary>
    public string? Dump { get; init; }
}
