using Tern.Platforms;
using Tern.Targets.Ppc64;

namespace Tern.Tests.Targets;

public sealed class PvrMatchTests
{
    private static readonly QemuVersion V2_10 = new(2, 10, 0);
    private static readonly QemuVersion V7_2 = new(7, 2, 0);
    private static readonly QemuVersion V10_0 = new(10, 0, 13);

    [Fact]
    public void Family_match_before_7_2_accepts_POWER8E_and_POWER9_DD1_into_DD2() // cpu_init.c ppc_pvr_match_power8/9, 2.10–7.1
    {
        Assert.True(PvrMatch.Accepts(V2_10, 0x004B0201, 0x004D0200));
        Assert.True(PvrMatch.Accepts(V2_10, 0x004E1200, 0x004E0100));
        Assert.False(PvrMatch.Accepts(V2_10, 0x004D0200, 0x004E1200));
    }

    [Fact]
    public void Best_match_from_7_2_needs_the_same_base_and_DD_level()
    {
        // Real QEMU 7.2: power9_v2.0 → power9_v1.0 fails in cpu_post_load (tests/fixtures/outcomes.jsonl cpu-P9v20-vs-P9v10).
        Assert.False(PvrMatch.Accepts(V7_2, 0x004E0100, 0x004E1200));
        Assert.False(PvrMatch.Accepts(V7_2, 0x004B0201, 0x004D0200));
        // Real QEMU 7.2 POWER10 (0x00800200) → 10.0.13 power10_v2.0 (0x00801200) migrates: same base, same major DD.
        Assert.True(PvrMatch.Accepts(V10_0, 0x00801200, 0x00800200));
    }

    [Fact]
    public void From_8_1_POWER9_DD2_0_and_DD2_2_do_not_match()
    {
        // Real QEMU 7.2 power9_v2.0 → 10.0.2 power9_v2.2 fails at device 'cpu'.
        Assert.False(PvrMatch.Accepts(V10_0, 0x004E1202, 0x004E1200));
        Assert.True(PvrMatch.Accepts(V7_2, 0x004E1200, 0x004E1201));
    }

    [Theory]
    [InlineData("7.2", PpcCpuFamily.Power8, "power7+", true)]
    [InlineData("10.0.13", PpcCpuFamily.Power8, "power7+", false)] // 9.2+: logical PVR 0x0F100003 > POWER8's 0x0F000004
    [InlineData("7.2", PpcCpuFamily.Power8, "power9", false)]
    [InlineData("7.2", PpcCpuFamily.Power10, "power8", true)]
    [InlineData("10.0.13", PpcCpuFamily.Power10, "power11", false)]
    [InlineData("10.0.13", PpcCpuFamily.Power11, "power11", true)]
    public void Compat_modes_follow_pcr_supported_and_the_logical_PVR_order(string qemu, PpcCpuFamily family, string mode, bool supported) =>
        Assert.Equal(supported, PpcCompatRules.Supports(QemuVersion.Parse(qemu), family, CompatMode.ByName(mode)!));
}
