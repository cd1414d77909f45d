using System.Text.Json;
using Tern.Platforms;

namespace Tern.Knowledge;

/// <summary>The embedded stream templates (Knowledge/Data/templates, listed in <c>templates/index.json</c>).</summary>
public static class TemplateCatalog
{
    private static readonly Lazy<IReadOnlyList<StreamTemplate>> All = new(Load);

    /// <summary>Every template.</summary>
    public static IReadOnlyList<StreamTemplate> Templates => All.Value;

    private static IReadOnlyList<StreamTemplate> Load()
    {
        using var s = KnowledgeBase.OpenData("templates/index.json");
        using var doc = JsonDocument.Parse(s);
        var list = new List<StreamTemplate>();
        foreach (var t in doc.RootElement.EnumerateArray())
        {
            var args = t.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
            var spec = HostSpecParser.FromArguments(t.GetProperty("qemu").GetString()!, args);
            list.Add(new StreamTemplate(t.GetProperty("file").GetString()!, spec, t.GetProperty("origin").GetString()!));
        }
        return list;
    }
}
