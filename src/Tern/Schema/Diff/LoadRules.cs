namespace Tern.Schema.Diff;

/// <summary>Citations of the QEMU load rules behind each verdict (QEMU 3.0–11.0-dev; spec §7–9, §11).</summary>
public static class LoadRules
{
    /// <summary>Section lookup by idstr and instance.</summary>
    public const string UnknownSection =
        "migration/savevm.c qemu_loadvm_section_start_full: find_se(idstr, instance_id) fails → \"Unknown savevm section or instance '%s' %u\"";
    /// <summary>Missing sections are not an error.</summary>
    public const string MissingSectionAllowed =
        "migration/savevm.c qemu_loadvm_state_main: the destination loads the sections it receives; one it does not receive keeps its reset state";
    /// <summary>Section version above the local one.</summary>
    public const string SectionTooNew =
        "migration/savevm.c qemu_loadvm_section_start_full: version_id > se->version_id → \"savevm: unsupported version %d for '%s' v%d\"";
    /// <summary>VMSD version above the local one.</summary>
    public const string VmsdTooNew =
        "migration/vmstate.c vmstate_load_state: version_id > vmsd->version_id → \"%s: incoming version_id %d is too new for local version_id %d\"";
    /// <summary>VMSD version below the local minimum.</summary>
    public const string VmsdTooOld =
        "migration/vmstate.c vmstate_load_state: version_id < vmsd->minimum_version_id → \"%s: incoming version_id %d is too old for local minimum version_id  %d\"";
    /// <summary>The section idstr comes from the VMSD name.</summary>
    public const string IdstrFromVmsdName =
        "migration/savevm.c vmstate_register_with_alias_id: the section idstr is the device path plus the VMSD name, so a renamed top-level VMSD is an unknown section";
    /// <summary>Unknown subsection.</summary>
    public const string UnknownSubsection =
        "migration/vmstate.c vmstate_subsection_load: a subsection whose name is not in the local vmsd->subsections fails the load with -ENOENT (10.2+: \"VM subsection '%s' in '%s' does not exist\")";
    /// <summary>Subsections are optional.</summary>
    public const string SubsectionOptional =
        "migration/vmstate.c vmstate_subsection_save/_load: a subsection is sent only when its needed() is true; one not received keeps the destination's value";
    /// <summary>Fields are positional.</summary>
    public const string FieldLayout =
        "migration/vmstate.c vmstate_load_state: fields are read in declaration order with no names or lengths on the wire; every byte the source writes must be read by the matching field";
    /// <summary>Field existence.</summary>
    public const string FieldExists =
        "migration/vmstate.c vmstate_field_exists: a field with a test is sent/read when its test is true, otherwise when field->version_id <= the section's version";
    /// <summary>Struct children load at their local version.</summary>
    public const string StructVersion =
        "migration/vmstate.c vmstate_load_state (VMS_STRUCT): the child VMSD loads at its own local version_id; the wire carries no struct version and no struct name";
    /// <summary>Unused padding.</summary>
    public const string Unused =
        "VMSTATE_UNUSED(n) (migration/vmstate-types.c vmstate_info_unused_buffer): n zero bytes on save, n bytes skipped on load";
    /// <summary>Positive-LE bounds.</summary>
    public const string Int32Le =
        "migration/vmstate-types.c get_int32_le (VMSTATE_INT32_POSITIVE_LE): \"Invalid value %d expecting positive value <= %d\", then \"Failed to load %s:%s\"";
    /// <summary>Equal checks.</summary>
    public const string Equal =
        "migration/vmstate-types.c get_*_equal (VMSTATE_*_EQUAL): the loaded value must equal the local one: \"%x != %x\"";
    /// <summary>Machine types.</summary>
    public const string MachineType =
        "migration/savevm.c configuration_post_load: \"Machine type received is '%.*s' and local is '%s'\" (a -dump-vmstate file's machine type only says how the dump was made)";
    /// <summary>Renames.</summary>
    public const string Rename =
        "names are not on the wire (spec §7): a field renamed in the C code is the same field; see the cited rename rule";
}
