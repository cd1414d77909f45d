using Tern.Platforms;

namespace Tern.Fleet;

/// <summary>One change to a VM's options: the options after it, and how to say it.</summary>
/// <param name="Kind"><c>machine</c>, <c>cpu</c>, <c>compat</c> or <c>cap</c>.</param>
/// <param name="Options">The VM's options with the change.</param>
/// <param name="Option">The changed option as written on a command line.</param>
/// <param name="Description">What changes.</param>
public sealed record CandidateChange(string Kind, HostSpec Options, string Option, string Description)
{
    /// <summary>The <c>-machine</c> option of <paramref name="spec"/> (type and properties, as given).</summary>
    public static string MachineOption(HostSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var parts = new List<string>();
        if (spec.Machine is { } m) parts.Add(m);
        parts.AddRange(spec.MachineProperties.Select(p => $"{p.Key}={p.Value}"));
        return "-machine " + string.Join(',', parts);
    }

    /// <summary>The <c>-cpu</c> option of <paramref name="spec"/>, or null when it has none.</summary>
    public static string? CpuOption(HostSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Cpu is null) return null;
        return "-cpu " + string.Join(',', new[] { spec.Cpu }.Concat(spec.CpuProperties.Select(p => $"{p.Key}={p.Value}")));
    }
}
