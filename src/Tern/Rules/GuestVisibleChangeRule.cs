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

    /// <summary>tern check: a cap the stream does not carry takes another level on the destination.</summary>
    public const string SilentCapCode = "spapr-cap-silent-change";

    /// <summary>tern check: a device's negotiated state the guest sees changes.</summary>
    public const string DeviceStateCode = "device-guest-state";

    /// <summary>Every finding code that reports this rule.</summary>
    public static IReadOnlyList<string> Codes { get; } = [SilentCapCode, DeviceStateCode];
}
