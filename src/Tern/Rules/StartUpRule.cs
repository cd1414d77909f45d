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
}
