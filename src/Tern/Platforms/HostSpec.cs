namespace Tern.Platforms;

/// <summary>
/// One end of a migration: a QEMU version and the options that matter (<c>-machine</c> with its
/// properties, <c>-cpu</c>, <c>-accel</c>, <c>-m</c>, <c>-smp</c>), plus host facts QEMU cannot see.
/// </summary>
public sealed record HostSpec
{
    /// <summary>The QEMU version label, e.g. <c>7.2</c>, <c>10.0.13</c>.</summary>
    public required string Qemu { get; init; }
    /// <summary>The machine type as given (may be an alias such as <c>pseries</c>), or null for the default.</summary>
    public string? Machine { get; init; }
    /// <summary>Machine properties (<c>cap-htm=off</c>, <c>max-cpu-compat=power8</c>, …) in the order given.</summary>
    public IReadOnlyDictionary<string, string> MachineProperties { get; init; } = new Dictionary<string, string>();
    /// <summary>The CPU model as given, or null for the machine's default.</summary>
    public string? Cpu { get; init; }
    /// <summary>CPU properties (<c>pmu=off</c>, …).</summary>
    public IReadOnlyDictionary<string, string> CpuProperties { get; init; } = new Dictionary<string, string>();
    /// <summary>The accelerator.</summary>
    public Accelerator Accelerator { get; init; } = Accelerator.Tcg;
    /// <summary>Guest RAM in bytes (QEMU's default is 128 MiB for these machines when <c>-m</c> is absent).</summary>
    public ulong MemoryBytes { get; init; } = 128UL << 20;
    /// <summary>Number of vCPUs.</summary>
    public int Cpus { get; init; } = 1;
    /// <summary>The <c>-smp</c> topology keys other than the count (<c>cores=2,sockets=1,threads=1</c>, sorted), or empty.</summary>
    public string Topology { get; init; } = "";
    /// <summary>Options accepted and not used because they carry no migration state (an allow-list, <see cref="HostSpecParser.CarriesNoState"/>).</summary>
    public IReadOnlyList<string> Ignored { get; init; } = [];
    /// <summary>Options that may carry migration state Tern does not model (devices, backends, vCPU topology, …): no "compatible" verdict over them.</summary>
    public IReadOnlyList<string> Unmodelled { get; init; } = [];
    /// <summary>The QEMU options as given, in order (what a configuration capture starts QEMU with).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
    /// <summary>Host facts (<c>kvm=hv</c>, <c>pvr=0x004e1202</c>, …) from <c>--source-host</c>/<c>--destination-host</c>.</summary>
    public IReadOnlyDictionary<string, string> HostFacts { get; init; } = new Dictionary<string, string>();

    /// <summary>A machine property, or null.</summary>
    public string? MachineProperty(string name) => MachineProperties.TryGetValue(name, out var v) ? v : null;
}
