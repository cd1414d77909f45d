namespace Tern.Lab.Migration;

/// <summary>One end of a migration: a lab version label and the QEMU arguments that matter.</summary>
/// <param name="Qemu">The version label, e.g. <c>7.2</c>.</param>
/// <param name="Args">The arguments, e.g. <c>-nodefaults -nographic -S -accel tcg -machine pseries-7.2 -m 256</c>.</param>
public sealed record MigrationSide(string Qemu, IReadOnlyList<string> Args)
{
    /// <summary>The arguments the fixtures used for every run, before <c>-machine</c>.</summary>
    public static IReadOnlyList<string> BaseArgs { get; } = ["-nodefaults", "-nographic", "-S", "-accel", "tcg"];

    /// <summary>
    /// Builds the fixtures' argument list: <c>-nodefaults -nographic -S -accel tcg -machine MACHINE -m MEM [-cpu CPU]</c>.
    /// </summary>
    public static MigrationSide Create(string qemu, string machine, string? cpu = null, int memoryMiB = 256)
    {
        var args = new List<string>(BaseArgs) { "-machine", machine, "-m", memoryMiB.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(cpu)) { args.Add("-cpu"); args.Add(cpu); }
        return new MigrationSide(qemu, args);
    }

    /// <inheritdoc />
    public bool Equals(MigrationSide? other) => other is not null && Qemu == other.Qemu && Args.SequenceEqual(other.Args);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Qemu);
        foreach (var a in Args) h.Add(a);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Qemu} {string.Join(' ', Args)}";
}
