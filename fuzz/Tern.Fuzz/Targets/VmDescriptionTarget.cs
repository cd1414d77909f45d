using Tern.Schema;
using Tern.Schema.Diff;
using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>
/// A vmdesc (the JSON trailer of a stream, or a bare vmdesc given to <c>tern diff</c>): parsed, every body length
/// computed as the reader frames with it, converted to a schema and diffed against itself.
/// </summary>
public sealed class VmDescriptionTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "vmdesc";

    /// <inheritdoc/>
    public string Description => "vmdesc JSON: parse, body lengths, schema conversion, self-diff";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var vmdesc = VmDescription.Parse(input);
        foreach (var d in vmdesc.Devices) _ = VmDescription.BodyLength(d);
        var schema = VmDescriptionSchemaConverter.Convert(vmdesc, "fuzz-input", SchemaInputKind.VmDescriptionJson);
        SchemaDiff.Compare(schema, schema);
    }

    /// <inheritdoc/>
    // VmDescription.Parse documents FormatException (with the JSON path) as its refusal.
    public bool IsOwnError(Exception error) => error.GetType() == typeof(FormatException) || error is SchemaException;
}
