namespace Tern.Schema.Diff;

/// <summary>The directions a diff checks.</summary>
[Flags]
public enum DiffDirections
{
    /// <summary>OLD → NEW.</summary>
    Forward = 1,

    /// <summary>NEW → OLD.</summary>
    Backward = 2,

    /// <summary>Both ways (the default).</summary>
    Both = Forward | Backward,
}
