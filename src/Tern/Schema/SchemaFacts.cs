using Tern.Vmstate;

namespace Tern.Schema;

/// <summary>
/// What a schema source can tell. A comparison only draws conclusions from facts both sides know; what a source
/// lacks is never guessed (the corresponding model properties are null).
/// </summary>
[Flags]
public enum SchemaFacts
{
    /// <summary>Nothing beyond names, versions and fields.</summary>
    None = 0,

    /// <summary><c>minimum_version_id</c> of every VMSD (<see cref="Vmsd.MinimumVersionId"/> is set).</summary>
    MinimumVersions = 1 << 0,

    /// <summary>Each field's <c>version_id</c> gate (<see cref="VmsdField.VersionId"/> is set).</summary>
    FieldVersions = 1 << 1,

    /// <summary>Whether each field has a test function (<see cref="VmsdField.HasTest"/> is set).</summary>
    FieldTests = 1 << 2,

    /// <summary>Every declared subsection; without it, <see cref="Vmsd.Subsections"/> lists only those that were sent.</summary>
    AllSubsections = 1 << 3,

    /// <summary>Sizes are bytes on the wire (else the host's C <c>sizeof</c>, see <see cref="FieldSizeKind"/>).</summary>
    WireSizes = 1 << 4,

    /// <summary>VMStateInfo type names (<see cref="VmsdField.Type"/> is set).</summary>
    TypeNames = 1 << 5,

    /// <summary>The <c>num</c> of fixed <c>VMS_ARRAY</c> fields (dumps from QEMU 8.1).</summary>
    FixedArrayLengths = 1 << 6,

    /// <summary>Element counts as sent, VARRAY counts included (a vmdesc); they can differ from stream to stream.</summary>
    SentArrayLengths = 1 << 7,

    /// <summary>VMSDs registered with <c>vmstate_register()</c>: <c>cpu</c>, <c>cpu_common</c>, <c>spapr</c>, <c>timer</c>, …</summary>
    MachineLevelSections = 1 << 8,

    /// <summary>Section idstrs and instance ids (else sections are keyed by QOM type name).</summary>
    InstanceIds = 1 << 9,

    /// <summary>Every device class QEMU has, including those the VM does not instantiate.</summary>
    AllDeviceClasses = 1 << 10,

    /// <summary>The machine type the file was made for.</summary>
    MachineType = 1 << 11,
}
