using System.Text.Json;

namespace Tern.Tests.Support;

/// <summary>
/// The part of JSON Schema the documented schemas use (type, enum, required, properties, items, local $ref): enough to
/// check a document against them without a validator package. Returns every violation with its JSON path.
/// </summary>
internal static class MiniJsonSchema
{
    public static List<string> Validate(JsonElement schema, JsonElement doc)
    {
        var errors = new List<string>();
        Check(schema, schema, doc, "$", errors);
        return errors;
    }

    private static void Check(JsonElement root, JsonElement s, JsonElement v, string path, List<string> errors)
    {
        if (s.TryGetProperty("$ref", out var r))
        {
            var name = r.GetString()!["#/$defs/".Length..];
            Check(root, root.GetProperty("$defs").GetProperty(name), v, path, errors);
            return;
        }
        if (s.TryGetProperty("enum", out var e) && !e.EnumerateArray().Any(x => x.ValueKind == v.ValueKind && x.ToString() == v.ToString()))
            errors.Add($"{path}: {v} is not one of {e}");
        if (s.TryGetProperty("type", out var t))
        {
            var types = t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToList() : [t.GetString()!];
            if (!types.Any(type => Is(type, v))) { errors.Add($"{path}: {v.ValueKind} is not {string.Join("|", types)}"); return; }
        }
        if (v.ValueKind == JsonValueKind.Object)
        {
            if (s.TryGetProperty("required", out var req))
                foreach (var name in req.EnumerateArray().Select(x => x.GetString()!))
                    if (!v.TryGetProperty(name, out _)) errors.Add($"{path}: missing '{name}'");
            if (s.TryGetProperty("properties", out var props))
                foreach (var p in props.EnumerateObject())
                    if (v.TryGetProperty(p.Name, out var pv)) Check(root, p.Value, pv, $"{path}.{p.Name}", errors);
        }
        if (v.ValueKind == JsonValueKind.Array && s.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var item in v.EnumerateArray()) Check(root, items, item, $"{path}[{i++}]", errors);
        }
    }

    private static bool Is(string type, JsonElement v) => type switch
    {
        "object" => v.ValueKind == JsonValueKind.Object,
        "array" => v.ValueKind == JsonValueKind.Array,
        "string" => v.ValueKind == JsonValueKind.String,
        "boolean" => v.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out _),
        "number" => v.ValueKind == JsonValueKind.Number,
        "null" => v.ValueKind == JsonValueKind.Null,
        _ => false,
    };
}
