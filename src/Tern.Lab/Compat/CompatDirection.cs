namespace Tern.Lab.Compat;

/// <summary>Names of the two directions of a compat cell.</summary>
public static class CompatDirection
{
    /// <summary>Old build → new build (an upgrade).</summary>
    public const string Forward = "forward";

    /// <summary>New build → old build (a rollback).</summary>
    public const string Backward = "backward";

    /// <summary>Both directions.</summary>
    public const string Both = "both";
}
