namespace Tern.Schema.Diff;

/// <summary>
/// One rename or move that keeps the wire format, with where it comes from. Rules are data
/// (src/Tern/Schema/Data/rename-rules.json), never code.
/// </summary>
/// <param name="Id">A stable identifier, reported with findings that used the rule.</param>
/// <param name="Kind">What is renamed.</param>
/// <param name="Scope">The VMSD name for field and layout rules, the section (dump key) for VMSD rules, null for section rules.</param>
/// <param name="Old">The older name(s) (one for renames, several for a layout).</param>
/// <param name="New">The newer name(s).</param>
/// <param name="Qemu">The first QEMU release with the new name, when known.</param>
/// <param name="Commit">The QEMU commit or patch that renamed, when known.</param>
/// <param name="Source">Where the rule was learnt (QEMU's checker table, a fixture pair, a patch).</param>
public sealed record RenameRule(
    string Id,
    RenameRuleKind Kind,
    string? Scope,
    IReadOnlyList<string> Old,
    IReadOnlyList<string> New,
    string? Qemu,
    string? Commit,
    string Source);
