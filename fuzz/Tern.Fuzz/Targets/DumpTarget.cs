using Tern.Schema;
using Tern.Schema.Diff;

namespace Tern.Fuzz.Targets;

/// <summary>
/// <c>tern diff</c>'s loading of one side (<see cref="SchemaLoader"/>: gzip, stream, dump or vmdesc by content), then the
/// diff of that schema against a real dump (<see cref="ReferenceSchema"/>) in both directions, both ways round.
/// </summary>
public sealed class DumpTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "dump";

    /// <inheritdoc/>
    public string Description => "-dump-vmstate JSON: SchemaLoader, then diff against a real dump both ways";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var schema = SchemaLoader.Load(input, "fuzz-input");
        SchemaDiff.Compare(schema, ReferenceSchema.Schema);
        SchemaDiff.Compare(ReferenceSchema.Schema, schema);
    }

    /// <inheritdoc/>
    public bool IsOwnError(Exception error) => error is SchemaException;
}
