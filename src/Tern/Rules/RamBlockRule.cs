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

    /// <summary>Whether a block of <paramref name="incoming"/> bytes loads into the destination's block of <paramref name="local"/>.</summary>
    public static bool Accepts(string name, ulong incoming, ulong local) =>
        incoming == local || name.StartsWith("/rom@etc/", StringComparison.Ordinal);

    /// <summary>QEMU's words for a block the destination lacks.</summary>
    public static string Unknown(string name) => $"Unknown ramblock \"{name}\", cannot accept migration";

    /// <summary>QEMU's words for a block of another length.</summary>
    public static string SizeMismatch(string name, ulong incoming, ulong local) => $"Size mismatch: {name}: 0x{incoming:x} != 0x{local:x}: Invalid argument";
}
