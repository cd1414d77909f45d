namespace Tern.Knowledge.Profiles;

/// <summary>The QEMU build a profile describes.</summary>
public sealed record QemuBuild
{
    /// <summary>The release, <c>major.minor.micro</c> (<c>query-version</c>).</summary>
    public required string Version { get; init; }
    /// <summary>The package string QEMU reports (e.g. <c>Debian 1:11.1.3+ds-1</c>), or empty.</summary>
    public string Package { get; init => field = value ?? ""; } = "";
    /// <summary><c>sha256:HEX</c> of the emulator binary; two profiles with the same label and different build ids are different builds.</summary>
    public string BuildId { get; init => field = value ?? ""; } = "";
    /// <summary>The binary's path when profiled: provenance only, never run by anything that reads the profile.</summary>
    public string? Binary { get; init; }
}
