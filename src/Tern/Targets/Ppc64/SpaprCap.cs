using System.Globalization;

using Tern.Platforms;

namespace Tern.Targets.Ppc64;

/// <summary>
/// One spapr capability (hw/ppc/spapr_caps.c <c>capability_table</c>): its index, property, migration subsection,
/// and the first QEMU version that has it and that migrates it.
/// </summary>
/// <param name="Id">Index in the cap arrays (SPAPR_CAP_*).</param>
/// <param name="Name">Property name without the <c>cap-</c> prefix.</param>
/// <param name="Subsection">The migration subsection, e.g. <c>spapr/cap/htm</c>.</param>
/// <param name="Kind">How values are written on the command line.</param>
/// <param name="Since">First QEMU version with the cap.</param>
/// <param name="MigratedSince">First QEMU version with the cap's subsection.</param>
public sealed record SpaprCap(int Id, string Name, string Subsection, SpaprCapKind Kind, QemuVersion Since, QemuVersion MigratedSince)
{
    /// <summary>The property name, <c>cap-NAME</c>.</summary>
    public string Property => "cap-" + Name;

    /// <summary>Parses a command-line value into the stored level; throws <see cref="FormatException"/> with QEMU's message.</summary>
    public int ParseLevel(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var v = value.ToLowerInvariant();
        switch (Kind)
        {
            case SpaprCapKind.Bool:
                return v switch
                {
                    "on" or "yes" or "true" or "y" => 1,
                    "off" or "no" or "false" or "n" => 0,
                    _ => throw new FormatException($"Parameter '{Property}' expects 'on' or 'off'"),
                };
            case SpaprCapKind.Tristate:
                return v switch
                {
                    "broken" => 0, "workaround" => 1, "fixed" => 2,
                    _ => throw new FormatException($"Invalid capability mode \"{value}\" for {Property}"),
                };
            case SpaprCapKind.Ibs:
                return v switch
                {
                    "broken" => 0, "workaround" => 1, "fixed-ibs" => 2, "fixed-ccd" => 3, "fixed-na" => 4,
                    _ => throw new FormatException($"Invalid capability mode \"{value}\" for {Property}"),
                };
            default:
                var size = ParseSize(v) ?? throw new FormatException($"Invalid size \"{value}\" for {Property}");
                if (size == 0 || (size & (size - 1)) != 0) throw new FormatException($"{Property} must be a power of 2");
                return System.Numerics.BitOperations.Log2(size);
        }
    }

    // qemu_strtosz: bytes by default, k/M/G/T suffixes (powers of 1024).
    private static ulong? ParseSize(string v)
    {
        var mult = v[^1] switch { 'k' => 1UL << 10, 'm' => 1UL << 20, 'g' => 1UL << 30, 't' => 1UL << 40, 'b' => 1UL, _ => 0UL };
        var digits = mult == 0 ? v : v[..^1];
        if (mult == 0) mult = 1;
        return ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n * mult : null;
    }

    /// <summary>A level as QEMU prints it in messages (the number).</summary>
    public static string LevelText(int level) => level.ToString(CultureInfo.InvariantCulture);
}
