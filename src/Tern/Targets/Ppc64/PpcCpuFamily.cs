namespace Tern.Targets.Ppc64;

/// <summary>POWER server CPU families, by the upper 16 bits of the PVR (target/ppc/cpu-models.h).</summary>
public enum PpcCpuFamily
{
    /// <summary>Not a POWER server CPU Tern knows.</summary>
    Other,
    /// <summary>POWER7 and POWER7+ (0x003F, 0x004A).</summary>
    Power7,
    /// <summary>POWER8E, POWER8NVL, POWER8 (0x004B, 0x004C, 0x004D).</summary>
    Power8,
    /// <summary>POWER9 (0x004E).</summary>
    Power9,
    /// <summary>POWER10 (0x0080).</summary>
    Power10,
    /// <summary>POWER11 (0x0082).</summary>
    Power11,
}
