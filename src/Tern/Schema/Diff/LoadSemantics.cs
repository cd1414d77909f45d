namespace Tern.Schema.Diff;

/// <summary>
/// Citations of QEMU's load behaviour that a diff verdict rests on and that refuses nothing (QEMU 3.0–11.0-dev; spec
/// §7–9, §11): what is optional, skipped or renamed. The rules that refuse a stream cite from their own types in Rules/.
/// </summary>
public static class LoadSemantics
{
    /// <summary>Missing sections are not an error.</summary>
    public const string MissingSectionAllowed =
        "migration/savevm.c qemu_loadvm_state_main: the destination loads the sections it receives; one it does not receive keeps its reset state";
    /// <summary>Subsections are optional.</summary>
    public const string SubsectionOptional =
        "migration/vmstate.c vmstate_subsection_save/_load: a subsection is sent only when its needed() is true; one not received keeps the destination's value";
    /// <summary>Field existence.</summary>
    public const string FieldExists =
        "migration/vmstate.c vmstate_field_exists: a field with a test is sent/read when its test is true, otherwise when field->version_id <= the section's version";
    /// <summary>Struct children load at their local version.</summary>
    public const string StructVersion =
        "migration/vmstate.c vmstate_load_state (VMS_STRUCT): the child VMSD loads at its own local version_id; the wire carries no struct version and no struct name";
    /// <summary>Unused padding.</summary>
    public const string Unused =
        "VMSTATE_UNUSED(n) (migration/vmstate-types.c vmstate_info_unused_buffer): n zero bytes on save, n bytes skipped on load";
    /// <summary>Renames.</summary>
    public const string Rename =
        "names are not on the wire (spec §7): a field renamed in the C code is the same field; see the cited rename rule";
}
