namespace Tern.Schema.Diff;

/// <summary>Whether a field is on the wire at the versions in play.</summary>
internal enum FieldPresence
{
    /// <summary>Sent / read for certain.</summary>
    Always,

    /// <summary>Decided by the field's test function, which the schema cannot evaluate.</summary>
    IfTest,

    /// <summary>The source cannot tell (a vmdesc read at another version than it was written at).</summary>
    Unknown,
}
