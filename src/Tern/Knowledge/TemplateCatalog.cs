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
    private static readonly Lazy<IReadOnlyList<StreamTemplate>> All = new(Load);
    private static readonly Lazy<ILookup<string, StreamTemplate>> ByLabel = new(() => All.Value.ToLookup(t => t.Source.Qemu, StringComparer.Ordinal));

    /// <summary>Every template.</summary>
    public static IReadOnlyList<StreamTemplate> Templates => All.Value;

    /// <summary>The templates written by QEMU <paramref name="label"/> (a knowledge label such as <c>10.0.13</c>).</summary>
    public static IEnumerable<StreamTemplate> Of(string label) => ByLabel.Value[label];

    private static IReadOnlyList<StreamTemplate> Load()
    {
        using var s = KnowledgeBase.OpenData("templates/index.json");
        using var doc = JsonDocument.Parse(s);
        var list = new List<StreamTemplate>();
        foreach (var t in doc.RootElement.EnumerateArray())
        {
            var args = t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
            var spec = HostSpecParser.FromArguments(t.GetProperty("qemu").GetString()!, args);
            var subs = t.GetProperty("subsections").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetUInt32(), StringComparer.Ordinal);
            list.Add(new StreamTemplate(t.GetProperty("file").GetString()!, spec, t.GetProperty("origin").GetString()!, subs));
        }
        return list;
    }
}
