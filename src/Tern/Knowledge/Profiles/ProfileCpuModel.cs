namespace Tern.Knowledge.Profiles;

/// <summary>One CPU model (<c>query-cpu-definitions</c>).</summary>
public sealed record ProfileCpuModel
{
    /// <summary>The <c>-cpu</c> name.</summary>
    public required string Name { get; init; }
    /// <summary>The model it is an alias of (<c>power9</c> → <c>power9_v2.0</c>), or null.</summary>
    public string? AliasOf { get; init; }
    /// <summary>POWER: the PVR (<c>0x004e1200</c>) from <c>-cpu help</c>; null elsewhere.</summary>
    public string? Pvr { get; init; }
    /// <summary>True when QEMU marks it deprecated.</summary>
    public bool Deprecated { get; init; }
}
