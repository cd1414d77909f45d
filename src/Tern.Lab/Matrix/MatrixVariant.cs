namespace Tern.Lab.Matrix;

/// <summary>
/// A cap or compat variant: extra <c>-machine</c> properties (<c>cap-cfpc=fixed</c>, <c>max-cpu-compat=power9</c>) and
/// <c>-cpu</c> properties (<c>pmu=off</c>) for the source and the destination.
/// </summary>
/// <param name="Name">A short name shown in reports (<c>default</c> for none).</param>
/// <param name="SourceMachine">Source machine properties, comma-separated (empty for none).</param>
/// <param name="DestinationMachine">Destination machine properties.</param>
/// <param name="SourceCpu">Source CPU properties.</param>
/// <param name="DestinationCpu">Destination CPU properties.</param>
public sealed record MatrixVariant(string Name, string SourceMachine = "", string DestinationMachine = "", string SourceCpu = "", string DestinationCpu = "")
{
    /// <summary>No extra properties.</summary>
    public static MatrixVariant Default { get; } = new("default");
}
