using System.Text;
using System.Text.Json.Nodes;

namespace Tern.Lab.Captures;

/// <summary>
/// One option value as QEMU reads it: a <c>key=value,…</c> list (QemuOpts / keyval: <c>,,</c> is a literal comma, the
/// first bare part is the implied key) or, when it starts with <c>{</c>, a JSON object (what libvirt emits). Edited in
/// place and written back in the syntax it came in.
/// </summary>
internal sealed class QemuOptionValue
{
    private readonly List<KeyValuePair<string, string?>> _pairs;
    private readonly JsonObject? _json;

    private QemuOptionValue(List<KeyValuePair<string, string?>> pairs, JsonObject? json)
    {
        _pairs = pairs;
        _json = json;
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="impliedKey"/> names a first part without <c>=</c> (e.g. <c>driver</c>, <c>type</c>).</summary>
    public static QemuOptionValue Parse(string text, string impliedKey)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                if (JsonNode.Parse(text) is JsonObject o) return new QemuOptionValue([], o);
            }
            catch (System.Text.Json.JsonException e)
            {
                throw new FormatException($"'{text}' is not a JSON object: {e.Message}", e);
            }
            throw new FormatException($"'{text}' is not a JSON object");
        }
        var pairs = new List<KeyValuePair<string, string?>>();
        var parts = SplitParts(text);
        for (var i = 0; i < parts.Count; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0) pairs.Add(new(i == 0 ? impliedKey : parts[i], i == 0 ? parts[i] : null));
            else pairs.Add(new(parts[i][..eq], parts[i][(eq + 1)..]));
        }
        return new QemuOptionValue(pairs, null);
    }

    /// <summary>True for the JSON syntax.</summary>
    public bool IsJson => _json is not null;

    /// <summary>The value of <paramref name="key"/> as text, or null.</summary>
    public string? Get(string key)
    {
        if (_json is not null)
            return _json.TryGetPropertyValue(key, out var n) && n is JsonValue v ? v.ToString() : null;
        foreach (var (k, v) in _pairs) if (k == key) return v ?? "on";
        return null;
    }

    /// <summary>The child object under <paramref name="key"/> in the JSON syntax, or null.</summary>
    public JsonObject? Child(string key) => _json is not null && _json.TryGetPropertyValue(key, out var n) ? n as JsonObject : null;

    /// <summary>True when <paramref name="key"/> is present.</summary>
    public bool Has(string key) => _json is not null ? _json.ContainsKey(key) : _pairs.Any(p => p.Key == key);

    /// <summary>Keeps only the keys <paramref name="keep"/> accepts (and their order).</summary>
    public void Keep(Func<string, bool> keep)
    {
        if (_json is not null)
        {
            foreach (var k in _json.Select(p => p.Key).ToList())
                if (!keep(k)) _json.Remove(k);
            return;
        }
        _pairs.RemoveAll(p => !keep(p.Key));
    }

    /// <summary>Sets <paramref name="key"/> (a string in JSON, unless <paramref name="number"/>); the first key keeps its place.</summary>
    public void Set(string key, string value, bool number = false)
    {
        if (_json is not null)
        {
            _json[key] = number && long.TryParse(value, out var n) ? JsonValue.Create(n) : JsonValue.Create(value);
            return;
        }
        var at = _pairs.FindIndex(p => p.Key == key);
        if (at >= 0) _pairs[at] = new(key, value);
        else _pairs.Add(new(key, value));
    }

    /// <summary>Sets a boolean (JSON true/false, keyval on/off).</summary>
    public void SetFlag(string key, bool value)
    {
        if (_json is not null) _json[key] = JsonValue.Create(value);
        else Set(key, value ? "on" : "off");
    }

    /// <summary>The value written back in its own syntax; the implied first key stays implied.</summary>
    public string Write(string impliedKey)
    {
        if (_json is not null) return _json.ToJsonString();
        var b = new StringBuilder();
        foreach (var (k, v) in _pairs)
        {
            if (b.Length > 0) b.Append(',');
            if (k == impliedKey && b.Length == 0 && v is not null) { b.Append(Escape(v)); continue; }
            b.Append(Escape(k));
            if (v is not null) b.Append('=').Append(Escape(v));
        }
        return b.ToString();
    }

    private static string Escape(string s) => s.Replace(",", ",,", StringComparison.Ordinal);

    private static List<string> SplitParts(string text)
    {
        var parts = new List<string>();
        var cur = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ',')
            {
                if (i + 1 < text.Length && text[i + 1] == ',') { cur.Append(','); i++; continue; }
                parts.Add(cur.ToString());
                cur.Clear();
                continue;
            }
            cur.Append(text[i]);
        }
        parts.Add(cur.ToString());
        return parts;
    }
}
