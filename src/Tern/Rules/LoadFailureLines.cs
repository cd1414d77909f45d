namespace Tern.Rules;

/// <summary>Lines QEMU prints after any field's load function fails, whichever rule refused it (migration/vmstate.c vmstate_load_state).</summary>
public static class LoadFailureLines
{
    /// <summary><c>Failed to load VMSD:FIELD</c> (error_report, up to 10.1).</summary>
    public static string FailedToLoad(string vmsd, string field) => $"Failed to load {vmsd}:{field}";

    /// <summary><c>Failed to load element of type INFO for FIELD</c> (error_setg, 10.2+; INFO is the VMStateInfo name, e.g. <c>uint32 equal</c>).</summary>
    public static string FailedToLoadElement(string info, string field) => $"Failed to load element of type {info} for {field}";

    /// <summary>vmstate_subsection_load's prefix of a subsection whose body failed (10.2+).</summary>
    public static string SubsectionFailed(string subsection, string owner) => $"Loading VM subsection '{subsection}' in '{owner}' failed: ";
}
