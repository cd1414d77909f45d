namespace Tern.Schema.Diff;

/// <summary>Which way a migration goes between the OLD and NEW inputs of a diff.</summary>
public enum MigrationDirection
{
    /// <summary>OLD sends, NEW loads (e.g. an upgrade).</summary>
    Forward,

    /// <summary>NEW sends, OLD loads (e.g. a rollback).</summary>
    Backward,
}
