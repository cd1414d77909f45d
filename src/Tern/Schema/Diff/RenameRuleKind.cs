using Tern.Vmstate;

namespace Tern.Schema.Diff;

/// <summary>What a <see cref="RenameRule"/> renames.</summary>
public enum RenameRuleKind
{
    /// <summary>A dump key (QOM type name) renamed; the wire idstr is unchanged.</summary>
    Section,

    /// <summary>A VMSD (description) renamed inside one section.</summary>
    Vmsd,

    /// <summary>A field of one VMSD renamed.</summary>
    Field,

    /// <summary>Consecutive fields of one VMSD regrouped with the same total wire size.</summary>
    Layout,
}
