namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.StartUp"/>: the destination QEMU does not start with this configuration (machine type, CPU model or option refused before any stream arrives).
/// </summary>
public static class StartUpRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.StartUp;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "vl.c select_machine; the CPU class lookup; QEMU refusing the options";

    /// <summary>tern check: the QEMU has no such machine type.</summary>
    public const string MachineTypeCode = "machine-type-unavailable";

    /// <summary>tern check: the QEMU has no such CPU model, or the machine type refuses it.</summary>
    public const string CpuModelCode = "cpu-model-unavailable";

    /// <summary>tern check: real QEMU refused the configuration's options.</summary>
    public const string ConfigurationCode = "configuration-refused";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [MachineTypeCode, CpuModelCode, ConfigurationCode];
}
