namespace Tern.Schema;

/// <summary>What a schema file was, as detected from its content.</summary>
public enum SchemaInputKind
{
    /// <summary>A <c>-dump-vmstate</c> JSON file (it has a top-level <c>"vmschkmachine"</c>).</summary>
    VmstateDump,

    /// <summary>A migration stream (it starts with <c>QEVM</c>); its vmdesc trailer is the schema.</summary>
    MigrationStream,

    /// <summary>A vmdesc JSON document on its own (top-level <c>"devices"</c>), e.g. one extracted from a stream.</summary>
    VmDescriptionJson,
}
