namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.RamBlock"/>: each RAM block in the stream must exist on the destination with the same used
/// length, except resizeable ones (ACPI blobs, resized by qemu_ram_resize) (migration/ram.c parse_ramblock, QEMU 2.7–11.1).
/// </summary>
public static class RamBlockRule
{
    /// <summary>The rule this type decides.</summary>
    public const LoadRule Rule = LoadRule.RamBlock;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "migration/ram.c parse_ramblock";

    /// <summary>tern check: a RAM block the destination does not have.</summary>
    public const string UnknownCode = "ram-block-unknown";

    /// <summary>tern check: a RAM block of another length.</summary>
    public const string SizeCode = "ram-size-mismatch";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [UnknownCode, SizeCode];

    /// <summary>Whether a block of <paramref name="incoming"/> bytes loads into the destination's block of <paramref name="local"/>.</summary>
    public static bool Accepts(string name, ulong incoming, ulong local) =>
        incoming == local || name.StartsWith("/rom@etc/", StringComparison.Ordinal);

    /// <summary>QEMU's words for a block the destination lacks.</summary>
    public static string Unknown(string name) => $"Unknown ramblock \"{name}\", cannot accept migration";

    /// <summary>QEMU's words for a block of another length.</summary>
    public static string SizeMismatch(string name, ulong incoming, ulong local) => $"Size mismatch: {name}: 0x{incoming:x} != 0x{local:x}: Invalid argument";
}
