using System.Text.Json;
using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>
/// The embedded stream templates (Knowledge/Data/templates, listed in <c>templates/index.json</c> with the
/// configuration and the subsections of each), grouped by QEMU version label so a prediction touches only the
/// templates of the versions it names.
/// </summary>
public static class TemplateCatalog
{
    // The index is parsed once; each label's entries become templates (their arguments parsed into specs) only when that
    // label is asked for: a check of two versions builds their templates, not all of them.
    private static readonly Lazy<Dictionary<string, Lazy<List<StreamTemplate>>>> ByLabel = new(Index);
    private static readonly Lazy<IReadOnlyList<StreamTemplate>> All = new(() => ByLabel.Value.Values.SelectMany(l => l.Value).ToList());

    /// <summary>Every template.</summary>
    public static IReadOnlyList<StreamTemplate> Templates => All.Value;

    /// <summary>The templates written by QEMU <paramref name="label"/> (a knowledge label such as <c>10.0.13</c>).</summary>
    public static IEnumerable<StreamTemplate> Of(string label) => ByLabel.Value.TryGetValue(label, out var l) ? l.Value : [];

    private static Dictionary<string, Lazy<List<StreamTemplate>>> Index()
    {
        JsonDocument doc;
        using (var s = KnowledgeBase.OpenData("templates/index.json")) doc = JsonDocument.Parse(s);
        var byLabel = new Dictionary<string, List<JsonElement>>(StringComparer.Ordinal);
        foreach (var t in doc.RootElement.EnumerateArray())
        {
            var label = t.GetProperty("qemu").GetString()!;
            if (!byLabel.TryGetValue(label, out var entries)) byLabel[label] = entries = [];
            entries.Add(t);
        }
        // The document stays alive with the lazies that read it (one embedded file, a few hundred KB).
        return byLabel.ToDictionary(kv => kv.Key, kv => new Lazy<List<StreamTemplate>>(() => kv.Value.Select(Template).ToList()), StringComparer.Ordinal);
    }

    private static StreamTemplate Template(JsonElement t)
    {
        var args = t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
        var spec = HostSpecParser.FromArguments(t.GetProperty("qemu").GetString()!, args);
        var subs = t.GetProperty("subsections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetUInt32(), StringComparer.Ordinal);
        return new StreamTemplate(t.GetProperty("file").GetString()!, spec, t.GetProperty("origin").GetString()!, subs);
    }
}
