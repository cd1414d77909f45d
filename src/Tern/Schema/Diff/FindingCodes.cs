using Tern.Rules;

namespace Tern.Schema.Diff;

/// <summary>
/// The stable codes of <see cref="SchemaFinding"/> and <see cref="UndecidedDifference"/>. docs/diff.md maps each to
/// the vmstate-static-checker.py message it replaces.
/// </summary>
public static class FindingCodes
{
    /// <summary>The two dumps were made for different machine types (the checker's warning).</summary>
    public const string MachineTypeDiffers = MachineTypeRule.DiffCode;
    /// <summary>The sender has a section the receiver does not know.</summary>
    public const string SectionMissing = UnknownSectionRule.DiffMissingCode;
    /// <summary>The section key differs but a rename rule says it is the same section.</summary>
    public const string SectionRenamed = "section-renamed";
    /// <summary>The receiver has a section the sender does not send.</summary>
    public const string SectionOnlyInDestination = "section-only-in-destination";
    /// <summary>The sender's section version is above the receiver's.</summary>
    public const string SectionVersionTooNew = SectionVersionRule.TooNewCode;
    /// <summary>The sender's section version is below the receiver's minimum.</summary>
    public const string SectionVersionTooOld = SectionVersionRule.TooOldCode;
    /// <summary>A dump entry without a <c>Description</c> on the receiving side.</summary>
    public const string VmsdMissing = "vmsd-missing";
    /// <summary>The top-level VMSD has another name on the receiving side, so the section idstr differs.</summary>
    public const string VmsdNameMismatch = UnknownSectionRule.DiffVmsdNameCode;
    /// <summary>The top-level VMSD's own version is above the receiver's (only when it differs from the section's).</summary>
    public const string VmsdVersionTooNew = SectionVersionRule.DiffVmsdTooNewCode;
    /// <summary>The top-level VMSD's own version is below the receiver's minimum (only when it differs from the section's).</summary>
    public const string VmsdVersionTooOld = SectionVersionRule.DiffVmsdTooOldCode;
    /// <summary>A struct child's VMSD changed name or version; the wire carries neither.</summary>
    public const string StructDescriptionChanged = "struct-description-changed";
    /// <summary>The sender may send a subsection the receiver does not declare.</summary>
    public const string SubsectionMissing = UnknownSubsectionRule.DiffCode;
    /// <summary>The sender's subsection version is above the receiver's.</summary>
    public const string SubsectionVersionTooNew = SubsectionVersionRule.TooNewCode;
    /// <summary>The sender's subsection version is below the receiver's minimum.</summary>
    public const string SubsectionVersionTooOld = SubsectionVersionRule.TooOldCode;
    /// <summary>The receiver declares a subsection the sender never sends.</summary>
    public const string SubsectionOnlyInDestination = "subsection-only-in-destination";
    /// <summary>A field the receiver reads that the sender does not send.</summary>
    public const string FieldAdded = FieldLayoutRule.DiffAddedCode;
    /// <summary>A field the sender sends that the receiver does not read.</summary>
    public const string FieldRemoved = FieldLayoutRule.DiffRemovedCode;
    /// <summary>Both have the field, but their version gates disagree at the versions in play.</summary>
    public const string FieldVersionGate = FieldLayoutRule.DiffVersionGateCode;
    /// <summary>Fields that cannot be lined up; the rest of the VMSD is not compared.</summary>
    public const string FieldMismatch = FieldLayoutRule.DiffMismatchCode;
    /// <summary>A field renamed (by a rename rule); the wire is unchanged.</summary>
    public const string FieldRenamed = "field-renamed";
    /// <summary>Fields replaced by <c>VMSTATE_UNUSED</c> padding of the same size, or the reverse.</summary>
    public const string FieldReplacedByUnused = "field-replaced-by-unused";
    /// <summary><c>VMSTATE_UNUSED</c> padding that does not add up to the fields on the other side.</summary>
    public const string UnusedSizeMismatch = FieldLayoutRule.DiffUnusedSizeCode;
    /// <summary>Consecutive fields regrouped with the same total size (by a layout rule).</summary>
    public const string LayoutRegrouped = "layout-regrouped";
    /// <summary>Element sizes differ.</summary>
    public const string FieldSizeMismatch = FieldLayoutRule.DiffSizeCode;
    /// <summary>VMStateInfo types differ.</summary>
    public const string FieldTypeMismatch = FieldLayoutRule.DiffTypeCode;
    /// <summary>A struct on one side, a plain field on the other (the checker's "missing description").</summary>
    public const string FieldStructMismatch = FieldLayoutRule.DiffStructCode;
    /// <summary>Element counts differ.</summary>
    public const string ArrayLengthMismatch = FieldLayoutRule.DiffArrayLengthCode;
    /// <summary>One side decides a field's presence with a test, the other does not.</summary>
    public const string FieldTestDiffers = FieldLayoutRule.DiffTestCode;
    /// <summary>Fields moved into (or out of) a struct; the wire is unchanged.</summary>
    public const string FieldsMovedIntoStruct = "fields-moved-into-struct";
    /// <summary>A <c>VMSTATE_INT32_POSITIVE_LE</c> count above the receiver's bound.</summary>
    public const string BoundExceeded = FieldBoundRule.DiffCode;
    /// <summary>A <c>VMSTATE_*_EQUAL</c> field whose value (seen through the count it governs) differs.</summary>
    public const string EqualFieldMismatch = FieldEqualRule.DiffCode;
}
