using System.Text.Json;
using Tern.Platforms;

namespace Tern.Tests.Support;

/// <summary>One hop of tests/fixtures/outcomes.jsonl: what real QEMU did.</summary>
internal sealed record Outcome(string Case, string Hop, HostSpec Source, HostSpec Destination, string Result, IReadOnlyList<string> Stderr, string? Stream)
{
    /// <summary>Line number in its file (cases can repeat a name with other destination options).</summary>
    public int Line { get; init; }

    public bool Succeeded => Result == "success";

    public override string ToString() => $"{Case}/{Hop}@{Line}";

    /// <summary>The first line the failing QEMU printed that is not a warning, without the "qemu-system-*: " prefix.</summary>
    public string? FirstError => Stderr
        .Select(l => l.StartsWith("qemu-system-", StringComparison.Ordinal) && l.IndexOf(": ", StringComparison.Ordinal) is var i and > 0 ? l[(i + 2)..] : l)
        .FirstOrDefault(l => !l.StartsWith("warning:", StringComparison.Ordinal));

    public static IReadOnlyList<Outcome> Load(string path)
    {
        var list = new List<Outcome>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            using var doc = JsonDocument.Parse(line);
            var r = doc.RootElement;
            HostSpec Spec(JsonElement e) => HostSpecParser.FromArguments(e.GetProperty("qemu").GetString()!,
                e.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList());
            list.Add(new Outcome(r.GetProperty("case").GetString()!, r.GetProperty("hop").GetString()!, Spec(r.GetProperty("source")), Spec(r.GetProperty("destination")),
                r.GetProperty("outcome").GetString()!, r.GetProperty("stderr").EnumerateArray().Select(e => e.GetString()!).ToList(),
                r.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null) { Line = number });
        }
        return list;
    }

    private static readonly Lazy<IReadOnlyList<Outcome>> FixtureOutcomes = new(() => Load(Path.Combine(Support.Fixtures.Root, "outcomes.jsonl")));
    private static readonly Lazy<IReadOnlyList<Outcome>> LabOutcomes = new(() => Load(Path.Combine(Support.Fixtures.Root, "lab-outcomes.jsonl")));

    public static IReadOnlyList<Outcome> Fixtures() => FixtureOutcomes.Value;

    /// <summary>Hops run with Tern's own lab (scripts/run-lab-hops.py): real QEMU results Tern's knowledge was not built from.</summary>
    public static IReadOnlyList<Outcome> Lab() => LabOutcomes.Value;
}
