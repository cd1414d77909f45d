using System.Text.Json;
using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// Reads <c>-dump-vmstate</c> JSON (migration/savevm.c <c>dump_vmstate_json_to_file</c>; the shapes of QEMU 5.2 to 11.x,
/// spec §14.1) into a <see cref="VmstateSchema"/>, in one forward pass over the bytes (a dump is a few MB; no DOM is
/// built). Shape errors throw <see cref="SchemaException"/> with the JSON path; syntax errors name the line, column
/// and path where the JSON breaks.
/// </summary>
public static class VmstateDumpLoader
{
    /// <summary>The top-level key holding the machine type.</summary>
    public const string MachineKey = "vmschkmachine";

    private const int MaxDepth = 64;

    /// <summary>Parses a dump from UTF-8 JSON.</summary>
    /// <exception cref="SchemaException">The JSON is malformed or is not a dump.</exception>
    public static VmstateSchema Parse(ReadOnlySpan<byte> utf8Json, string origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var parser = new DumpParser(origin);
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 512 });
        try
        {
            return parser.Document(ref reader);
        }
        catch (JsonException e)
        {
            throw JsonErrorLocator.Describe(origin, utf8Json, e);
        }
    }

    /// <summary>What every dump knows (plus <see cref="SchemaFacts.FixedArrayLengths"/> from QEMU 8.1).</summary>
    public const SchemaFacts Facts = SchemaFacts.MinimumVersions | SchemaFacts.FieldVersions | SchemaFacts.FieldTests
                                     | SchemaFacts.AllSubsections | SchemaFacts.AllDeviceClasses | SchemaFacts.MachineType;

    // A recursive-descent reader over Utf8JsonReader. The path of the value being read is kept as a stack of
    // (property, index) pairs and turned into text only for an error.
    private sealed class DumpParser(string origin)
    {
        private readonly List<(string? Property, int Index)> _path = [];
        private bool _sawNum;

        public VmstateSchema Document(ref Utf8JsonReader r)
        {
            Next(ref r);
            Expect(ref r, JsonTokenType.StartObject);
            string? machine = null;
            var sawMachine = false;
            var sections = new List<SchemaSection>();
            while (NextProperty(ref r) is { } key)
            {
                _path.Add((key, -1));
                Next(ref r);
                if (key == MachineKey)
                {
                    sawMachine = true;
                    machine = MachineName(ref r);
                }
                else
                {
                    sections.Add(Section(ref r, key));
                }
                _path.RemoveAt(_path.Count - 1);
            }
            if (!sawMachine) throw Error($"no \"{MachineKey}\" key: this is not a -dump-vmstate file");
            var facts = _sawNum ? Facts | SchemaFacts.FixedArrayLengths : Facts;
            return new VmstateSchema(origin, SchemaSource.VmstateDump, SchemaInputKind.VmstateDump, facts, machine, sections);
        }

        private string? MachineName(ref Utf8JsonReader r)
        {
            Expect(ref r, JsonTokenType.StartObject);
            string? name = null;
            while (NextProperty(ref r) is { } key)
            {
                Next(ref r);
                if (key == "Name") name = String(ref r, key);
                else r.Skip();
            }
            return name;
        }

        private SchemaSection Section(ref Utf8JsonReader r, string key)
        {
            Expect(ref r, JsonTokenType.StartObject);
            int? version = null, min = null;
            Vmsd? vmsd = null;
            while (NextProperty(ref r) is { } p)
            {
                Next(ref r);
                switch (p)
                {
                    case "version_id": version = Int(ref r, p); break;
                    case "minimum_version_id": min = Int(ref r, p); break;
                    case "Description":
                        _path.Add((p, -1));
                        vmsd = Vmsd(ref r, 0);
                        _path.RemoveAt(_path.Count - 1);
                        break;
                    default: r.Skip(); break;
                }
            }
            return new SchemaSection(key, null, version ?? throw Missing("version_id"), min ?? throw Missing("minimum_version_id"), vmsd);
        }

        private Vmsd Vmsd(ref Utf8JsonReader r, int depth)
        {
            if (depth > MaxDepth) throw Error($"descriptions nest more than {MaxDepth} levels");
            Expect(ref r, JsonTokenType.StartObject);
            string? name = null;
            int? version = null, min = null;
            var fields = new List<VmsdField>();
            var subs = new List<Vmsd>();
            while (NextProperty(ref r) is { } p)
            {
                Next(ref r);
                switch (p)
                {
                    case "name": name = String(ref r, p); break;
                    case "version_id": version = Int(ref r, p); break;
                    case "minimum_version_id": min = Int(ref r, p); break;
                    case "Fields":
                        _path.Add((p, -1));
                        Array(ref r, (ref Utf8JsonReader rr) => fields.Add(Field(ref rr, depth)));
                        _path.RemoveAt(_path.Count - 1);
                        break;
                    case "Subsections":
                        _path.Add((p, -1));
                        Array(ref r, (ref Utf8JsonReader rr) => subs.Add(Vmsd(ref rr, depth + 1)));
                        _path.RemoveAt(_path.Count - 1);
                        break;
                    default: r.Skip(); break;
                }
            }
            return new Vmsd(name ?? throw Missing("name"), version ?? throw Missing("version_id"), min ?? throw Missing("minimum_version_id"), fields, subs);
        }

        private VmsdField Field(ref Utf8JsonReader r, int depth)
        {
            Expect(ref r, JsonTokenType.StartObject);
            string? name = null;
            int? version = null, num = null;
            bool? hasTest = null;
            long? size = null;
            Vmsd? child = null;
            while (NextProperty(ref r) is { } p)
            {
                Next(ref r);
                switch (p)
                {
                    case "field": name = String(ref r, p); break;
                    case "version_id": version = Int(ref r, p); break;
                    case "field_exists": hasTest = Bool(ref r, p); break;
                    case "size":
                        size = Long(ref r, p);
                        if (size < 0) throw Error($"{size} is negative", p);
                        break;
                    case "num":
                        num = Int(ref r, p);
                        if (num < 0) throw Error($"{num} is negative", p);
                        _sawNum = true;
                        break;
                    case "Description":
                        _path.Add((p, -1));
                        child = Vmsd(ref r, depth + 1);
                        _path.RemoveAt(_path.Count - 1);
                        break;
                    default: r.Skip(); break;
                }
            }
            return new VmsdField(name ?? throw Missing("field"), size ?? throw Missing("size"), FieldSizeKind.Host,
                version ?? throw Missing("version_id"), hasTest, num, null, child);
        }

        private delegate void ElementReader(ref Utf8JsonReader r);

        private void Array(ref Utf8JsonReader r, ElementReader element)
        {
            Expect(ref r, JsonTokenType.StartArray);
            var i = 0;
            while (true)
            {
                Next(ref r);
                if (r.TokenType == JsonTokenType.EndArray) return;
                _path.Add((null, i++));
                element(ref r);
                _path.RemoveAt(_path.Count - 1);
            }
        }

        // The next property name of the current object, or null at its end (the reader then stands on EndObject).
        private string? NextProperty(ref Utf8JsonReader r)
        {
            Next(ref r);
            if (r.TokenType != JsonTokenType.PropertyName) return null;
            return r.ValueIsEscaped ? Text(ref r, null) : KnownName(r.ValueSpan) ?? Text(ref r, null);
        }

        // Utf8JsonReader does not validate UTF-8 until a string is transcoded: a hostile dump's invalid byte surfaces
        // here, and is reported with its byte offset and path rather than as InvalidOperationException.
        private string Text(ref Utf8JsonReader r, string? property)
        {
            try
            {
                return r.GetString()!;
            }
            catch (Exception e) when (e is InvalidOperationException or System.Text.DecoderFallbackException)
            {
                throw Error($"invalid UTF-8 in the string at byte offset {r.TokenStartIndex}", property, e);
            }
        }

        // The keys every dump repeats thousands of times, as shared strings (no allocation per property).
        private static string? KnownName(ReadOnlySpan<byte> name) => name.Length switch
        {
            4 when name.SequenceEqual("size"u8) => "size",
            4 when name.SequenceEqual("name"u8) => "name",
            4 when name.SequenceEqual("Name"u8) => "Name",
            3 when name.SequenceEqual("num"u8) => "num",
            5 when name.SequenceEqual("field"u8) => "field",
            6 when name.SequenceEqual("Fields"u8) => "Fields",
            10 when name.SequenceEqual("version_id"u8) => "version_id",
            11 when name.SequenceEqual("Description"u8) => "Description",
            11 when name.SequenceEqual("Subsections"u8) => "Subsections",
            12 when name.SequenceEqual("field_exists"u8) => "field_exists",
            18 when name.SequenceEqual("minimum_version_id"u8) => "minimum_version_id",
            _ => null,
        };

        private static void Next(ref Utf8JsonReader r)
        {
            if (!r.Read()) throw new JsonException("the document ends early");
        }

        private void Expect(ref Utf8JsonReader r, JsonTokenType type)
        {
            if (r.TokenType != type)
                throw Error($"is a JSON {Kind(r.TokenType)}, expected {(type == JsonTokenType.StartArray ? "an array" : "an object")}");
        }

        private string String(ref Utf8JsonReader r, string property) =>
            r.TokenType == JsonTokenType.String ? Text(ref r, property) : throw Error("is not a string", property);

        private int Int(ref Utf8JsonReader r, string property) =>
            r.TokenType == JsonTokenType.Number && r.TryGetInt32(out var n) ? n : throw Error("is not a 32-bit integer", property);

        private long Long(ref Utf8JsonReader r, string property) =>
            r.TokenType == JsonTokenType.Number && r.TryGetInt64(out var n) ? n : throw Error("is not an integer", property);

        private bool Bool(ref Utf8JsonReader r, string property) =>
            r.TokenType is JsonTokenType.True or JsonTokenType.False ? r.GetBoolean() : throw Error("is not true or false", property);

        private SchemaException Missing(string property) => Error($"\"{property}\" is missing");

        private SchemaException Error(string reason, string? property = null, Exception? inner = null)
        {
            var node = JsonPathNode.Root;
            foreach (var (p, i) in _path) node = p is null ? node.Index(i) : node.Property(p);
            return new SchemaException(origin, property is null ? node.ToString() : node.With(property), reason, inner);
        }

        private static string Kind(JsonTokenType t) => t switch
        {
            JsonTokenType.StartObject => "object",
            JsonTokenType.StartArray => "array",
            JsonTokenType.String => "string",
            JsonTokenType.Number => "number",
            JsonTokenType.True or JsonTokenType.False => "boolean",
            JsonTokenType.Null => "null",
            _ => t.ToString().ToLowerInvariant(),
        };
    }
}
