namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.MachineType"/>: the configuration section's machine type must name the destination's
/// (savevm.c configuration_post_load compares the received name's length of the local one: QEMU 2.12–11.1).
/// </summary>
public static class MachineTypeRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.MachineType;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/savevm.c configuration_post_load";

    /// <summary>The machine type check, with QEMU's words.</summary>
    public const string Citation =
        "migration/savevm.c configuration_post_load: \"Machine type received is '%.*s' and local is '%s'\" (a -dump-vmstate file's machine type only says how the dump was made)";

    /// <summary>tern diff: the two dumps were made for different machine types.</summary>
    public const string DiffCode = "machine-type-differs";

    /// <summary>tern check: the stream names another machine type than the destination runs.</summary>
    public const string Code = "machine-type-mismatch";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [DiffCode, Code];

    /// <summary>strncmp(local, received, strlen(received)) == 0, with an empty name refused.</summary>
    public static bool Accepts(string received, string local) =>
        received.Length > 0 && local.StartsWith(received, StringComparison.Ordinal);

    /// <summary>QEMU's words.</summary>
    public static string Message(string received, string local) => $"Machine type received is '{received}' and local is '{local}'";
}
