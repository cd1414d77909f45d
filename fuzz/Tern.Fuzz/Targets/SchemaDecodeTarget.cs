using Tern.Schema;
using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>
/// <c>tern inspect --schema DUMP --json</c>: a stream (typically without vmdesc) whose device sections are framed and
/// decoded with a real <c>-dump-vmstate</c> schema (<see cref="ReferenceSchema"/>).
/// </summary>
public sealed class SchemaDecodeTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "schema-decode";

    /// <inheritdoc/>
    public string Description => "stream framed and decoded by a -dump-vmstate schema";

    /// <inheritdoc/>
    public void Execute(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var framer = new SchemaBodyFramer(ReferenceSchema.Schema);
        using var reader = new MigrationStreamReader(new MemoryStream(input, writable: false), ReaderSettings.Create(framer));
        DecodeTarget.DecodeAll(reader, s => framer.Framed.TryGetValue((s.IdStr, s.InstanceId), out var f) ? f.Device : null);
    }

    /// <inheritdoc/>
    public bool IsOwnError(Exception error) => FuzzHarness.IsReaderError(error);
}
