namespace Tern.Schema.Diff;

/// <summary>
/// One difference between two schemas and what it means for a migration in one direction.
/// </summary>
/// <param name="Code">A stable identifier (<see cref="FindingCodes"/>), e.g. <c>subsection-version-too-new</c>.</param>
/// <param name="Direction">The migration it concerns.</param>
/// <param name="Severity">Whether QEMU's loader would refuse it.</param>
/// <param name="Section">The section: the idstr when a stream is involved, else the dump's QOM type name.</param>
/// <param name="InstanceId">The section instance id when a stream says it.</param>
/// <param name="Path">Where in the section: the VMSD name, then <c>.field</c> steps, subsections by name (<c>cpu/slb</c>).</param>
/// <param name="Message">What differs and why it matters, in plain words.</param>
/// <param name="Rule">The QEMU load rule behind the verdict (source file, function, and its message).</param>
/// <param name="QemuError">What QEMU would print when this breaks a migration (QEMU ≤ 10.1 wording), when predictable.</param>
/// <param name="RenameRule">The id of the rename rule (data/rename-rules.json) that matched, if one did.</param>
public sealed record SchemaFinding(
    string Code,
    MigrationDirection Direction,
    FindingSeverity Severity,
    string Section,
    uint? InstanceId,
    string Path,
    string Message,
    string Rule,
    string? QemuError = null,
    string? RenameRule = null);
