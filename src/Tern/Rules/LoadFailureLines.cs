namespace Tern.Rules;

/// <summary>Lines QEMU prints after any field's load function fails, whichever rule refused it (migration/vmstate.c vmstate_load_state).</summary>
public static class LoadFailureLines
{
    /// <summary><c>Failed to load VMSD:FIELD</c>.</summary>
    public static string FailedToLoad(string vmsd, string field) => $"Failed to load {vmsd}:{field}";
}
