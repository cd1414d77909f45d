using System.Globalization;


namespace Tern.Targets.Aarch64;

/// <summary>
/// A KVM-style 64-bit coprocessor register id as QEMU migrates it in <c>cpreg_vmstate_indexes</c>
/// (target/arm/kvm-consts.h, linux/arch/arm64/include/uapi/asm/kvm.h): AArch64 system registers are
/// 0x6030_0000_0013_xxxx with op0 (bits 15:14), op1 (13:11), CRn (10:7), CRm (6:3), op2 (2:0); AArch32 coprocessor
/// registers are 0x4020_0000_xxxx_xxxx (32-bit) or 0x6030… (64-bit) with QEMU's ENCODE_CP_REG layout in the low word:
/// ns (29), cp (19:16), is64 (15), CRn (14:11), CRm (10:7), opc1 (6:3), opc2 (2:0).
/// </summary>
public readonly record struct CpRegIndex(ulong Value)
{
    /// <summary>True for an AArch64 system register.</summary>
    public bool IsAArch64 => (Value & 0xFFFF_FFFF_FFFF_0000UL) == 0x6030_0000_0013_0000UL;

    /// <summary>op0/op1/CRn/CRm/op2 of an AArch64 register.</summary>
    public (int Op0, int Op1, int CRn, int CRm, int Op2) Sys =>
        ((int)(Value >> 14) & 3, (int)(Value >> 11) & 7, (int)(Value >> 7) & 15, (int)(Value >> 3) & 15, (int)Value & 7);

    /// <summary>cp/CRn/CRm/opc1/opc2 of an AArch32 register.</summary>
    public (int Cp, bool Is64, int CRn, int CRm, int Opc1, int Opc2) Cp =>
        ((int)(Value >> 16) & 15, ((Value >> 15) & 1) != 0, (int)(Value >> 11) & 15, (int)(Value >> 7) & 15, (int)(Value >> 3) & 7, (int)Value & 7);

    /// <summary>The architectural name where known, else the generic encoding (<c>S3_0_C0_C1_2</c>, <c>p15 c0 c1 0 2</c>).</summary>
    public string Name
    {
        get
        {
            if (IsAArch64)
            {
                var s = Sys;
                return ArmRegisterNames.AArch64.TryGetValue(s, out var n) ? n : $"S{s.Op0}_{s.Op1}_C{s.CRn}_C{s.CRm}_{s.Op2}";
            }
            var c = Cp;
            if (ArmRegisterNames.AArch32.TryGetValue((c.Cp, c.CRn, c.CRm, c.Opc1, c.Opc2), out var a) && !c.Is64) return a + " (AArch32)";
            return c.Is64 ? $"p{c.Cp} {c.Opc1} c{c.CRm} (64-bit)" : $"p{c.Cp} c{c.CRn} c{c.CRm} {c.Opc1} {c.Opc2}";
        }
    }

    /// <summary>
    /// True for registers whose value is fixed by the CPU model (ARM_CP_CONST or read-only ID registers): a write of
    /// another value is ignored, so <c>write_list_to_cpustate</c>'s read-back fails when source and destination differ.
    /// The AArch64 ID space (op0=3, op1=0, CRn=0), CTR_EL0, DCZID_EL0, CLIDR_EL1, AIDR_EL1, REVIDR_EL1, the PMU
    /// event-ID registers and PMCR_EL0 (its N and IMP fields are read-only), L2CTLR (its CPU count), and their AArch32 views.
    /// </summary>
    public bool IsReadOnlyIdentification
    {
        get
        {
            if (IsAArch64)
            {
                var s = Sys;
                return (s.Op0 == 3 && s.Op1 == 0 && s.CRn == 0)
                    || (s.Op0 == 3 && s.Op1 == 3 && s.CRn == 0 && s.CRm == 0 && s.Op2 is 1 or 7)
                    || (s.Op0 == 3 && s.Op1 == 1 && s.CRn == 0 && s.CRm == 0 && s.Op2 is 1 or 7)
                    || (s.Op0 == 3 && s.Op1 == 3 && s.CRn == 9 && s.CRm == 12 && s.Op2 is 0 or 6 or 7)
                    // L2CTLR_EL1 (Cortex-A53/A57/A72): read from the vCPU count, writes ignored (target/arm/cpu64.c a57_a53_l2ctlr_read)
                    || (s.Op0 == 3 && s.Op1 == 1 && s.CRn == 11 && s.CRm == 0 && s.Op2 == 2);
            }
            var c = Cp;
            if (c.Is64) return false;
            return (c.Cp == 15 && c.CRn == 0 && c.Opc1 <= 1)
                || (c.Cp == 15 && c.CRn == 9 && c.CRm == 12 && c.Opc1 == 0 && c.Opc2 is 0 or 6 or 7)
                || (c.Cp == 15 && c.CRn == 9 && c.CRm == 0 && c.Opc1 == 1 && c.Opc2 == 2); // L2CTLR, AArch32 view
        }
    }

    /// <inheritdoc/>
    /// <summary>
    /// QEMU's own 32-bit register id (target/arm/cpu.h <c>kvm_to_cpreg_id</c>): the low 32 bits, with
    /// CP_REG_AA64_MASK (bit 28) for AArch64; AArch32 adds the 64-bit flag (bit 15) and the NS bit (29).
    /// </summary>
    public uint CpregId
    {
        get
        {
            var id = (uint)Value;
            if ((Value & 0xFF00_0000_0000_0000UL) == 0x6000_0000_0000_0000UL) return id | 0x1000_0000u;
            if ((Value & 0x00F0_0000_0000_0000UL) == 0x0030_0000_0000_0000UL) id |= 1u << 15;
            return id | (1u << 29);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} (0x{Value.ToString("x16", CultureInfo.InvariantCulture)})";
}
