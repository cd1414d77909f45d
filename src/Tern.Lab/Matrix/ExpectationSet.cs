using System.Text.Json;
using Tern.Lab.Migration;

namespace Tern.Lab.Matrix;

/// <summary>
/// Expected outcomes per hop, read from an outcomes.jsonl (the fixtures' format): a cell whose outcome differs
/// is a regression. Hops are matched on version labels, arguments and hop, not on the transport (the fixtures
/// found file, unix and cmdline identical).
/// </summary>
public sealed class ExpectationSet
{
    private readonly Dictionary<string, string> _outcomes = new(StringComparer.Ordinal);

    /// <summary>How many hops are known.</summary>
    public int Count => _outcomes.Count;

    /// <summary>Loads outcomes.jsonl.</summary>
    public static ExpectationSet Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var set = new ExpectationSet();
        var n = 0;
        foreach (var line in File.ReadLines(path))
        {
            n++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var r = doc.RootElement;
                var src = Side(r.GetProperty("source"));
                var dst = Side(r.GetProperty("destination"));
                var hop = r.TryGetProperty("hop", out var h) ? h.GetString() ?? "forward" : "forward";
                set._outcomes[KeyOf(src, dst, hop)] = r.GetProperty("outcome").GetString() ?? "";
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new FormatException($"{path}:{n}: not an outcomes.jsonl line ({e.Message})", e);
            }
        }
        return set;
    }

    /// <summary>Adds an expectation.</summary>
    public void Add(MigrationSide source, MigrationSide destination, string hop, string outcome) =>
        _outcomes[KeyOf(source, destination, hop)] = outcome;

    /// <summary>The expected outcome of a hop, or null.</summary>
    public string? Expected(MigrationSide source, MigrationSide destination, string hop) =>
        _outcomes.TryGetValue(KeyOf(source, destination, hop), out var o) ? o : null;

    private static MigrationSide Side(JsonElement e) =>
        new(e.GetProperty("qemu").GetString() ?? "", e.GetProperty("args").EnumerateArray().Select(a => a.GetString() ?? "").ToList());

    private static string KeyOf(MigrationSide s, MigrationSide d, string hop) => $"{s}\u0001{d}\u0001{hop}";
}
