using Tern.Tests.Support;
using Tern.Wire;

namespace Tern.Tests.Wire;

public sealed class ConfigurationSubsectionParserTests
{
    // aarch64 QEMU 7.2 sends configuration/target-page-bits (version 1, be32 12 for 4 KiB pages) after the machine type.
    private static readonly byte[] Virt = Fixtures.StreamBytes("same-7.2-virt-a57");
    private const int At = 8 + 5 + 8;

    [Fact]
    public void Target_page_bits_takes_its_header_and_4_bytes()
    {
        const int length = 2 + 30 + 4 + 4;
        UnitTruncation.AssertNeedsMoreUntilComplete(Virt, At, length, b => ConfigurationSubsectionParser.TryRead(b, null, 1 << 20, out _));
        ConfigurationSubsectionParser.TryRead(Virt.AsSpan(At), null, 1 << 20, out var sub);
        Assert.Equal(ConfigurationSection.TargetPageBitsName, sub!.Name);
        Assert.Equal(1u, sub.Version);
        Assert.Equal(12, sub.TargetPageBits);
    }

    [Fact]
    public void A_subsection_of_another_VMSD_is_left_unread()
    {
        byte[] bytes = [0x05, 3, (byte)'c', (byte)'p', (byte)'u', 0, 0, 0, 1, 0xaa];
        var s = ConfigurationSubsectionParser.TryRead(bytes, null, 1 << 20, out var sub);
        Assert.False(s.NeedsMore || s.IsInvalid);
        Assert.Equal(0, s.Consumed);
        Assert.Null(sub);
    }

    [Fact]
    public void An_unknown_configuration_subsection_needs_a_vmdesc()
    {
        byte[] bytes = [0x05, 16, .. "configuration/xy"u8, 0, 0, 0, 1, 0xaa];
        var s = ConfigurationSubsectionParser.TryRead(bytes, null, 1 << 20, out _);
        Assert.Equal("unknown configuration subsection 'configuration/xy' and no vmdesc describes it", s.Message);
        Assert.True(s.IsInvalid);
    }
}
