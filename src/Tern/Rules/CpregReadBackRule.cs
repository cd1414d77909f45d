namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.CpregReadBack"/>: every incoming ARM coprocessor register must exist on the destination CPU and read back as written. Decided by <c>Targets.Aarch64.ArmCpuLoad</c>.
/// </summary>
public static class CpregReadBackRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.CpregReadBack;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "target/arm/machine.c cpu_post_load → write_list_to_cpustate";

    /// <summary>tern check: an incoming cpreg does not read back as written.</summary>
    public const string Code = "arm-cpreg-readback";

    /// <summary>tern check: an incoming cpreg the destination CPU does not have.</summary>
    public const string UnknownCode = "arm-cpreg-unknown";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [Code, UnknownCode];
}
