namespace Tern.Targets.Ppc64;

/// <summary>Processor Version Register helpers (target/ppc/cpu-models.h, CPU_POWERPC_POWER_SERVER_MASK = 0xFFFF0000).</summary>
public static class Pvr
{
    /// <summary>The family mask.</summary>
    public const uint ServerMask = 0xFFFF0000;

    /// <summary>The CPU family of a raw PVR.</summary>
    public static PpcCpuFamily FamilyOf(uint pvr) => (pvr & ServerMask) switch
    {
        0x003F0000 or 0x004A0000 => PpcCpuFamily.Power7,
        0x004B0000 or 0x004C0000 or 0x004D0000 => PpcCpuFamily.Power8,
        0x004E0000 => PpcCpuFamily.Power9,
        0x00800000 => PpcCpuFamily.Power10,
        0x00820000 => PpcCpuFamily.Power11,
        _ => PpcCpuFamily.Other,
    };

    /// <summary>A readable name for a raw PVR, e.g. <c>0x004E1200 (POWER9 DD2.0)</c>.</summary>
    public static string Describe(uint pvr)
    {
        var base16 = pvr & ServerMask;
        var name = base16 switch
        {
            0x003F0000 => "POWER7", 0x004A0000 => "POWER7+", 0x004B0000 => "POWER8E", 0x004C0000 => "POWER8NVL",
            0x004D0000 => "POWER8", 0x004E0000 => "POWER9", 0x00800000 => "POWER10", 0x00820000 => "POWER11",
            _ => "unknown",
        };
        return $"0x{pvr:X8} ({name} DD{(pvr >> 8) & 0xF}.{pvr & 0xF})";
    }
}
