using System.Security.Cryptography;
using System.Text;
using Tern.Lab.Migration;

namespace Tern.Lab.Matrix;

/// <summary>One cell of a matrix: a source and a destination configuration, how to migrate, and which labels it has in reports.</summary>
public sealed record MatrixCell
{
    /// <summary>The guest architecture.</summary>
    public required string Arch { get; init; }
    /// <summary>The machine type (without properties).</summary>
    public required string Machine { get; init; }
    /// <summary>The CPU model, or null for the machine's default.</summary>
    public string? Cpu { get; init; }
    /// <summary>The variant name.</summary>
    public string Variant { get; init; } = "default";
    /// <summary>The source.</summary>
    public required MigrationSide Source { get; init; }
    /// <summary>The destination.</summary>
    public required MigrationSide Destination { get; init; }
    /// <summary>The transport.</summary>
    public MigrationTransport Transport { get; init; } = MigrationTransport.File;
    /// <summary>Whether the back hop is run too.</summary>
    public bool BackHop { get; init; }

    /// <summary>The identity of the cell: everything that changes what QEMU does.</summary>
    public string Key => $"{Arch}|{Source}|{Destination}|{(Transport == MigrationTransport.File ? "file" : "unix")}|{(BackHop ? "back" : "oneway")}";

    /// <summary>A short stable id (the first 16 hex digits of the key's SHA-256): the primary key in the result store.</summary>
    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..16];

    /// <summary>The label of the CPU column in reports.</summary>
    public string CpuLabel => Cpu ?? "(default)";
}
