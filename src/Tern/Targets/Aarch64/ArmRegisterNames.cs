namespace Tern.Targets.Aarch64;

/// <summary>Architectural names of the registers Tern names in findings (Arm ARM; QEMU target/arm/helper.c, cpu64.c).</summary>
internal static class ArmRegisterNames
{
    public static readonly Dictionary<(int, int, int, int, int), string> AArch64 = new()
    {
        [(3, 0, 0, 0, 0)] = "MIDR_EL1", [(3, 0, 0, 0, 5)] = "MPIDR_EL1", [(3, 0, 0, 0, 6)] = "REVIDR_EL1",
        [(3, 0, 0, 1, 0)] = "ID_PFR0_EL1", [(3, 0, 0, 1, 1)] = "ID_PFR1_EL1", [(3, 0, 0, 1, 2)] = "ID_DFR0_EL1",
        [(3, 0, 0, 1, 3)] = "ID_AFR0_EL1", [(3, 0, 0, 1, 4)] = "ID_MMFR0_EL1", [(3, 0, 0, 1, 5)] = "ID_MMFR1_EL1",
        [(3, 0, 0, 1, 6)] = "ID_MMFR2_EL1", [(3, 0, 0, 1, 7)] = "ID_MMFR3_EL1", [(3, 0, 0, 2, 0)] = "ID_ISAR0_EL1",
        [(3, 0, 0, 2, 1)] = "ID_ISAR1_EL1", [(3, 0, 0, 2, 2)] = "ID_ISAR2_EL1", [(3, 0, 0, 2, 3)] = "ID_ISAR3_EL1",
        [(3, 0, 0, 2, 4)] = "ID_ISAR4_EL1", [(3, 0, 0, 2, 5)] = "ID_ISAR5_EL1", [(3, 0, 0, 2, 6)] = "ID_MMFR4_EL1",
        [(3, 0, 0, 2, 7)] = "ID_ISAR6_EL1", [(3, 0, 0, 3, 0)] = "MVFR0_EL1", [(3, 0, 0, 3, 1)] = "MVFR1_EL1",
        [(3, 0, 0, 3, 2)] = "MVFR2_EL1", [(3, 0, 0, 3, 4)] = "ID_PFR2_EL1", [(3, 0, 0, 3, 5)] = "ID_DFR1_EL1",
        [(3, 0, 0, 3, 6)] = "ID_MMFR5_EL1", [(3, 0, 0, 4, 0)] = "ID_AA64PFR0_EL1", [(3, 0, 0, 4, 1)] = "ID_AA64PFR1_EL1",
        [(3, 0, 0, 4, 2)] = "ID_AA64PFR2_EL1", [(3, 0, 0, 4, 4)] = "ID_AA64ZFR0_EL1", [(3, 0, 0, 4, 5)] = "ID_AA64SMFR0_EL1",
        [(3, 0, 0, 5, 0)] = "ID_AA64DFR0_EL1", [(3, 0, 0, 5, 1)] = "ID_AA64DFR1_EL1", [(3, 0, 0, 5, 4)] = "ID_AA64AFR0_EL1",
        [(3, 0, 0, 5, 5)] = "ID_AA64AFR1_EL1", [(3, 0, 0, 6, 0)] = "ID_AA64ISAR0_EL1", [(3, 0, 0, 6, 1)] = "ID_AA64ISAR1_EL1",
        [(3, 0, 0, 6, 2)] = "ID_AA64ISAR2_EL1", [(3, 0, 0, 7, 0)] = "ID_AA64MMFR0_EL1", [(3, 0, 0, 7, 1)] = "ID_AA64MMFR1_EL1",
        [(3, 0, 0, 7, 2)] = "ID_AA64MMFR2_EL1", [(3, 0, 0, 7, 3)] = "ID_AA64MMFR3_EL1",
        [(3, 1, 0, 0, 1)] = "CLIDR_EL1", [(3, 1, 0, 0, 7)] = "AIDR_EL1", [(3, 3, 0, 0, 1)] = "CTR_EL0", [(3, 3, 0, 0, 7)] = "DCZID_EL0",
        [(3, 3, 9, 12, 0)] = "PMCR_EL0", [(3, 3, 9, 12, 6)] = "PMCEID0_EL0", [(3, 3, 9, 12, 7)] = "PMCEID1_EL0",
        [(3, 0, 1, 0, 0)] = "SCTLR_EL1", [(3, 0, 2, 0, 2)] = "TCR_EL1", [(3, 3, 14, 0, 0)] = "CNTFRQ_EL0",
        [(2, 3, 0, 5, 0)] = "DBGDTRTX_EL0",
    };

    public static readonly Dictionary<(int, int, int, int, int), string> AArch32 = new()
    {
        [(15, 0, 0, 0, 0)] = "MIDR", [(15, 0, 0, 0, 1)] = "CTR", [(15, 0, 0, 0, 6)] = "REVIDR",
        [(15, 0, 1, 0, 0)] = "ID_PFR0", [(15, 0, 1, 0, 1)] = "ID_PFR1", [(15, 0, 1, 0, 2)] = "ID_DFR0", [(15, 0, 1, 0, 3)] = "ID_AFR0",
        [(15, 0, 1, 0, 4)] = "ID_MMFR0", [(15, 0, 1, 0, 5)] = "ID_MMFR1", [(15, 0, 1, 0, 6)] = "ID_MMFR2", [(15, 0, 1, 0, 7)] = "ID_MMFR3",
        [(15, 0, 2, 0, 0)] = "ID_ISAR0", [(15, 0, 2, 0, 1)] = "ID_ISAR1", [(15, 0, 2, 0, 2)] = "ID_ISAR2", [(15, 0, 2, 0, 3)] = "ID_ISAR3",
        [(15, 0, 2, 0, 4)] = "ID_ISAR4", [(15, 0, 2, 0, 5)] = "ID_ISAR5", [(15, 0, 2, 0, 6)] = "ID_MMFR4", [(15, 0, 2, 0, 7)] = "ID_ISAR6",
        [(15, 0, 0, 1, 1)] = "CLIDR", [(15, 0, 0, 1, 7)] = "AIDR", [(15, 9, 12, 0, 0)] = "PMCR",
        [(14, 0, 5, 3, 0)] = "DBGDTRTX", [(14, 0, 0, 0, 0)] = "DBGDIDR",
    };
}
