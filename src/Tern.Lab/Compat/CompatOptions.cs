using Tern.Knowledge;
using Tern.Lab.Matrix;

namespace Tern.Lab.Compat;

/// <summary>What <see cref="CompatRunner"/> compares and how.</summary>
public sealed record CompatOptions
{
    /// <summary><c>ppc64</c> or <c>aarch64</c>.</summary>
    public required string Arch { get; init; }

    /// <summary>The machine types to compare; null for every machine type both builds have (<c>all-common</c>).</summary>
    public IReadOnlyList<string>? Machines { get; init; }

    /// <summary>CPU models besides each machine type's default CPU.</summary>
    public IReadOnlyList<string> Cpus { get; init; } = [];

    /// <summary>The device VMSDs the schema comparison reports.</summary>
    public CompatDeviceSet Devices { get; init; } = CompatDeviceSet.Common;

    /// <summary>Also run each cell for real (both builds must be runnable).</summary>
    public bool Real { get; init; }

    /// <summary>Cells predicted and migrated in parallel.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>The lab directory (for labels of lab installations).</summary>
    public required string LabDir { get; init; }

    /// <summary>The knowledge the predictions use (the embedded knowledge plus the builds' profile files).</summary>
    public KnowledgeBase? Knowledge { get; init; }

    /// <summary>Called after each real migration.</summary>
    public Action<MatrixRecord>? CellFinished { get; init; }
}
