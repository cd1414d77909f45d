using Tern.Targets.Aarch64;

namespace Tern.Tests.Targets;

public sealed class CpRegIndexTests
{
    [Theory]
    [InlineData(0x603000000013D801UL, "CTR_EL0", true)]
    [InlineData(0x603000000013C00AUL, "ID_DFR0_EL1", true)]
    [InlineData(0x603000000013DCE0UL, "PMCR_EL0", true)]
    [InlineData(0x603000000013C080UL, "SCTLR_EL1", false)]
    [InlineData(0x40200000200F0082UL, "ID_DFR0 (AArch32)", true)]
    [InlineData(0x40200000200E0298UL, "DBGDTRTX (AArch32)", false)] // the register 10.0.3 removed (commit 655659a74a)
    public void Kvm_style_ids_decode_to_architectural_names(ulong id, string name, bool readOnly)
    {
        var r = new CpRegIndex(id);
        Assert.Equal(name, r.Name);
        Assert.Equal(readOnly, r.IsReadOnlyIdentification);
    }

    [Fact]
    public void Unknown_registers_get_their_encoding_as_name()
    {
        Assert.Equal("S3_3_C14_C8_4", new CpRegIndex(0x603000000013DF44UL).Name);
        Assert.Equal("p15 c0 c3 2 0", new CpRegIndex(0x40200000200F0190UL).Name);
    }
}
