using Tern.Lab.Migration;

namespace Tern.Lab.Matrix;

/// <summary>What a matrix covers: versions × machine types × CPU models × variants × directions.</summary>
public sealed record MatrixConfig
{
    /// <summary>The guest architecture; null infers it from the machine types (<c>pseries</c> → ppc64, <c>virt</c> → aarch64).</summary>
    public string? Arch { get; init; }
    /// <summary>The version labels.</summary>
    public required IReadOnlyList<string> Versions { get; init; }
    /// <summary>The machine types (versioned names; one that a version lacks is skipped for that version).</summary>
    public required IReadOnlyList<string> Machines { get; init; }
    /// <summary>The CPU models; an empty list means the machine's default only (no <c>-cpu</c>).</summary>
    public IReadOnlyList<string> Cpus { get; init; } = [];
    /// <summary>The variants; empty means <see cref="MatrixVariant.Default"/> only.</summary>
    public IReadOnlyList<MatrixVariant> Variants { get; init; } = [];
    /// <summary>The version pairs.</summary>
    public MatrixDirection Directions { get; init; } = MatrixDirection.Upgrade;
    /// <summary>Whether each cell also runs the back hop.</summary>
    public bool BackHop { get; init; }
    /// <summary>The transport.</summary>
    public MigrationTransport Transport { get; init; } = MigrationTransport.File;
    /// <summary>Guest RAM in MiB (the fixtures used 256).</summary>
    public int MemoryMiB { get; init; } = 256;
}
