namespace Tern.Schema;

/// <summary>Where a <see cref="VmstateSchema"/> came from; each source knows different things (<see cref="SchemaFacts"/>).</summary>
public enum SchemaSource
{
    /// <summary>
    /// <c>qemu-system-* -M machine -dump-vmstate FILE</c>: every device <em>class</em> with a <c>dc-&gt;vmsd</c>, with
    /// minimum versions, field version gates, "has a test" flags and every declared subsection; but host (C) sizes,
    /// no type names, no count links, and none of the VMSDs registered with <c>vmstate_register()</c>
    /// (<c>cpu</c>, <c>spapr</c>, <c>timer</c>, …). Spec §14.1.
    /// </summary>
    VmstateDump,

    /// <summary>
    /// The JSON vmdesc trailer of a real migration stream: exactly what one source sent, per section instance,
    /// with wire sizes, type names and element counts; but no minimum versions, no field version gates, no tests,
    /// and only the subsections that were sent. Spec §12.
    /// </summary>
    StreamDescription,
}
