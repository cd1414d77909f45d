namespace Tern.Lab.Profiles;

/// <summary>What <see cref="HostProfiler"/> profiles.</summary>
public sealed record HostProfilerOptions
{
    /// <summary><c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }
    /// <summary>The label specs will use; null: the installation's label (lab) or the release QEMU reports.</summary>
    public string? Label { get; init; }
    /// <summary>Machine types to profile; null: every <c>pseries-X.Y</c> / <c>virt-X.Y</c> the binary registers.</summary>
    public IReadOnlyList<string>? Machines { get; init; }
    /// <summary>CPU models to sample on the newest machine type; null: every POWER server model (ppc64) or every model (aarch64).</summary>
    public IReadOnlyList<string>? Cpus { get; init; }

    /// <summary>Extra samples of these machine types with these CPU models (e.g. every cell <c>tern compat</c> predicts), besides the CPU models on the newest type.</summary>
    public IReadOnlyList<(string Machine, string Cpu)> Pairs { get; init; } = [];
    /// <summary>A profile to extend (<c>--update</c>): its samples and dumps are kept and not taken again.</summary>
    public Knowledge.Profiles.HostProfile? Existing { get; init; }
    /// <summary>QEMU processes at a time (default: the core count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Progress lines.</summary>
    public Action<string>? Log { get; init; }
}
