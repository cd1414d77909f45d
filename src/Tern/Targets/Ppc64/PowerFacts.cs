
namespace Tern.Targets.Ppc64;

/// <summary>What a POWER host resolves to at start-up: the CPU's PVR and family, the compat mode, the spapr caps.</summary>
public sealed record PowerFacts : Predict.ITargetFacts
{
    /// <summary>Before the POWER start-up resolution: no PVR, no compat mode, no caps.</summary>
    public static PowerFacts None { get; } = new();

    /// <summary>The CPU class PVR (the host's own under KVM with <c>host</c>).</summary>
    public uint Pvr { get; init; }

    /// <summary>The POWER CPU family.</summary>
    public PpcCpuFamily Family { get; init; }

    /// <summary>The machine's max-cpu-compat, or null.</summary>
    public CompatMode? MaxCompat { get; init; }

    /// <summary>spapr cap defaults after the CPU clamp, by cap id.</summary>
    public int[] CapDefaults { get; init; } = [];

    /// <summary>Effective spapr cap levels, by cap id.</summary>
    public int[] CapEffective { get; init; } = [];

    /// <summary>Caps set on the command line, by cap id.</summary>
    public bool[] CapOnCommandLine { get; init; } = [];
}
