using System.Text.Json;
using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>
/// The rename and move rules a diff applies (see <see cref="RenameRule"/>). <see cref="Default"/> is the embedded
/// data/rename-rules.json.
/// </summary>
public sealed class RenameRuleSet
{
    private const string ResourceName = "Tern.Schema.Data.rename-rules.json";
    private static readonly Lazy<RenameRuleSet> DefaultSet = new(LoadEmbedded);

    private readonly Dictionary<(string Scope, string A, string B), RenameRule> _fields = [];
    private readonly Dictionary<(string Scope, string A, string B), RenameRule> _vmsds = [];
    private readonly Dictionary<(string A, string B), RenameRule> _sections = [];
    private readonly Dictionary<string, List<RenameRule>> _layouts = new(StringComparer.Ordinal);

    /// <summary>Creates a set from rules.</summary>
    public RenameRuleSet(IReadOnlyList<RenameRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
        foreach (var r in rules)
        {
            switch (r.Kind)
            {
                case RenameRuleKind.Field:
                    AddPair(_fields, r.Scope ?? "", FieldNames.Normalize(r.Old[0]), FieldNames.Normalize(r.New[0]), r);
                    break;
                case RenameRuleKind.Vmsd:
                    AddPair(_vmsds, r.Scope ?? "", r.Old[0], r.New[0], r);
                    break;
                case RenameRuleKind.Section:
                    _sections[(r.Old[0], r.New[0])] = r;
                    _sections[(r.New[0], r.Old[0])] = r;
                    break;
                case RenameRuleKind.Layout:
                    if (!_layouts.TryGetValue(r.Scope ?? "", out var l)) _layouts[r.Scope ?? ""] = l = [];
                    l.Add(r);
                    break;
            }
        }
    }

    /// <summary>The embedded rules.</summary>
    public static RenameRuleSet Default => DefaultSet.Value;

    /// <summary>No rules at all.</summary>
    public static RenameRuleSet Empty { get; } = new([]);

    /// <summary>Every rule.</summary>
    public IReadOnlyList<RenameRule> Rules { get; }

    /// <summary>The rule that makes field <paramref name="a"/> and <paramref name="b"/> of VMSD <paramref name="vmsd"/> the same, or null.</summary>
    public RenameRule? FindField(string vmsd, string a, string b) =>
        _fields.TryGetValue((vmsd, FieldNames.Normalize(a), FieldNames.Normalize(b)), out var r) ? r : null;

    /// <summary>The rule that makes VMSD names <paramref name="a"/> and <paramref name="b"/> in section <paramref name="section"/> the same, or null.</summary>
    public RenameRule? FindVmsd(string section, string a, string b) =>
        _vmsds.TryGetValue((section, a, b), out var r) ? r : null;

    /// <summary>The rule that makes dump keys <paramref name="a"/> and <paramref name="b"/> the same section, or null.</summary>
    public RenameRule? FindSection(string a, string b) => _sections.TryGetValue((a, b), out var r) ? r : null;

    /// <summary>The other names a dump key may have (section rules), in rule order.</summary>
    public IEnumerable<(string Name, RenameRule Rule)> SectionAliases(string key)
    {
        foreach (var r in Rules)
        {
            if (r.Kind != RenameRuleKind.Section) continue;
            if (r.Old[0] == key) yield return (r.New[0], r);
            else if (r.New[0] == key) yield return (r.Old[0], r);
        }
    }

    /// <summary>The layout rules of VMSD <paramref name="vmsd"/>.</summary>
    public IReadOnlyList<RenameRule> Layouts(string vmsd) => _layouts.TryGetValue(vmsd, out var l) ? l : [];

    /// <summary>Parses rules from the JSON format of data/rename-rules.json.</summary>
    /// <exception cref="SchemaException">The JSON is malformed.</exception>
    public static RenameRuleSet Parse(ReadOnlySpan<byte> utf8Json, string origin)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw JsonErrorLocator.Describe(origin, utf8Json, e);
        }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("rules", out var rules) || rules.ValueKind != JsonValueKind.Array)
                throw new SchemaException(origin, "$", "no \"rules\" array");
            var list = new List<RenameRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var i = 0;
            foreach (var e in rules.EnumerateArray())
            {
                var rule = ReadRule(e, $"$.rules[{i++}]", origin);
                if (!ids.Add(rule.Id)) throw new SchemaException(origin, $"$.rules[{i - 1}].id", $"duplicate id \"{rule.Id}\"");
                list.Add(rule);
            }
            return new RenameRuleSet(list);
        }
    }

    private static RenameRule ReadRule(JsonElement e, string path, string origin)
    {
        string Str(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s : throw new SchemaException(origin, path + "." + key, "missing or not a non-empty string");
        string? OptStr(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        IReadOnlyList<string> Names(string key)
        {
            if (!e.TryGetProperty(key, out var v)) throw new SchemaException(origin, path + "." + key, "missing");
            if (v.ValueKind == JsonValueKind.String) return [v.GetString()!];
            if (v.ValueKind != JsonValueKind.Array) throw new SchemaException(origin, path + "." + key, "not a string or an array of strings");
            var names = new List<string>();
            foreach (var n in v.EnumerateArray())
                names.Add(n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new SchemaException(origin, path + "." + key, "not an array of strings"));
            return names.Count > 0 ? names : throw new SchemaException(origin, path + "." + key, "empty");
        }

        var kind = Str("kind") switch
        {
            "section" => RenameRuleKind.Section,
            "vmsd" => RenameRuleKind.Vmsd,
            "field" => RenameRuleKind.Field,
            "layout" => RenameRuleKind.Layout,
            var k => throw new SchemaException(origin, path + ".kind", $"unknown kind \"{k}\" (section, vmsd, field, layout)"),
        };
        var scope = kind == RenameRuleKind.Section ? null : Str(kind == RenameRuleKind.Vmsd ? "section" : "vmsd");
        var old = Names("old");
        var @new = Names("new");
        if (kind != RenameRuleKind.Layout && (old.Count != 1 || @new.Count != 1))
            throw new SchemaException(origin, path, "a rename has exactly one old and one new name");
        var qemu = OptStr("qemu");
        var commit = OptStr("commit");
        var source = Str("source");
        return new RenameRule(Str("id"), kind, scope, old, @new, qemu, commit, source);
    }

    private static RenameRuleSet LoadEmbedded()
    {
        using var s = typeof(RenameRuleSet).Assembly.GetManifestResourceStream(ResourceName)
                      ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing");
        using var ms = new MemoryStream();
        s.CopyTo(ms);
        return Parse(ms.ToArray(), "rename-rules.json (embedded)");
    }

    private static void AddPair(Dictionary<(string, string, string), RenameRule> map, string scope, string a, string b, RenameRule r)
    {
        map[(scope, a, b)] = r;
        map[(scope, b, a)] = r;
    }
}
