namespace Tern.Rules;

/// <summary>
/// <see cref="LoadRule.GuestVisibleChange"/>: state that loads without complaint but that the guest sees change (a device's negotiated state, a cap at another level).
/// </summary>
public static class GuestVisibleChangeRule
{
    /// <summary>The rule this type names.</summary>
    public const LoadRule Rule = LoadRule.GuestVisibleChange;

    /// <summary>Where QEMU decides it.</summary>
    public const string Source = "loads without complaint; the guest sees the change";
}
