namespace Tern.Rules;

/// <summary>
/// The load rules of QEMU's destination, one per way a migration stream is refused (or silently changed), shared by
/// <c>tern diff</c>, <c>tern check</c> and <c>tern plan</c>: a diff finding and a check finding of the same break name
/// the same rule. docs/rules.md gives each rule's QEMU source and message, and the finding codes that report it.
/// </summary>
public enum LoadRule
{
    /// <summary>migration/savevm.c configuration_post_load: "Machine type received is '…' and local is '…'".</summary>
    MachineType,
    /// <summary>migration/savevm.c qemu_loadvm_section_start_full → find_se: "Unknown savevm section or instance '…' 0".</summary>
    UnknownSection,
    /// <summary>migration/savevm.c qemu_loadvm_section_start_full / vmstate_load_state: the section or VMSD version is outside [minimum_version_id, version_id].</summary>
    SectionVersion,
    /// <summary>migration/vmstate.c vmstate_subsection_load: a subsection the destination does not declare (-ENOENT).</summary>
    UnknownSubsection,
    /// <summary>migration/vmstate.c vmstate_load_state: a subsection's version outside the destination's range.</summary>
    SubsectionVersion,
    /// <summary>migration/vmstate.c vmstate_load_state: a VMS_POINTER field whose pointer the destination never set (assertion, QEMU aborts).</summary>
    SubsectionNullPointer,
    /// <summary>
    /// migration/vmstate.c vmstate_load_state read with the destination's own field list: fields added, removed, resized
    /// or re-gated shift every later byte, and migration/savevm.c check_section_footer finds no footer.
    /// </summary>
    FieldLayout,
    /// <summary>migration/vmstate-types.c get_*_equal (VMSTATE_*_EQUAL): "%x != %x" (destination, stream).</summary>
    FieldEqual,
    /// <summary>migration/vmstate-types.c get_int32_le (VMSTATE_INT32_POSITIVE_LE): "Invalid value … expecting positive value &lt;= …".</summary>
    FieldBound,
    /// <summary>migration/ram.c parse_ramblock: an unknown RAM block, or one of another length ("Size mismatch").</summary>
    RamBlock,
    /// <summary>hw/ppc/spapr_caps.c spapr_caps_pre_load / spapr_caps_post_migration and the cap's apply hook.</summary>
    SpaprCap,
    /// <summary>target/ppc/machine.c cpu_post_load: the raw PVR must pass the destination CPU class's pvr_match.</summary>
    PvrMatch,
    /// <summary>target/ppc/machine.c cpu_post_load → ppc_set_compat: the incoming compat mode must be one the destination CPU supports.</summary>
    CompatMode,
    /// <summary>target/arm/machine.c cpu_post_load → write_list_to_cpustate: every incoming cpreg must exist and read back as written.</summary>
    CpregReadBack,
    /// <summary>The destination QEMU does not start with this configuration (machine type, CPU model or option refused before any stream).</summary>
    StartUp,
    /// <summary>State QEMU loads without complaint but that the guest sees change (a device's negotiated state, a cap at another level).</summary>
    GuestVisibleChange,
}
