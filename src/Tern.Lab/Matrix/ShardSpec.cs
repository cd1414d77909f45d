using System.Globalization;

namespace Tern.Lab.Matrix;

/// <summary><c>--shard K/N</c>: run the K-th of N interleaved slices of the cells (1-based).</summary>
/// <param name="Index">K, 1-based.</param>
/// <param name="Count">N.</param>
public sealed record ShardSpec(int Index, int Count)
{
    /// <summary>Parses <c>K/N</c>.</summary>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var k) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n) || n < 1 || k < 1 || k > n)
            throw new FormatException($"--shard expects K/N with 1 <= K <= N, not '{text}'");
        return new ShardSpec(k, n);
    }

    /// <summary>The cells of this shard: those whose position in the sorted-by-id order is K-1 modulo N.</summary>
    public IReadOnlyList<MatrixCell> Select(IReadOnlyList<MatrixCell> cells) =>
        cells.OrderBy(c => c.Id, StringComparer.Ordinal).Where((_, i) => i % Count == Index - 1).ToList();
}
