namespace Tern.Knowledge.Profiles;

/// <summary>What a search needs to know of a profile file without reading its samples: label, target, build and provenance.</summary>
/// <param name="Path">The file.</param>
/// <param name="Label">The profile's label.</param>
/// <param name="Arch">The target.</param>
/// <param name="Version">The QEMU release.</param>
/// <param name="BuildId">The build id (<c>sha256:…</c>).</param>
/// <param name="Provenance"><c>measured</c> or <c>source</c>.</param>
public sealed record HostProfileHeader(string Path, string Label, string Arch, string Version, string BuildId, string Provenance)
{
    /// <summary>The package string QEMU reports (<c>Debian 1:10.0.13+ds-0+deb13u1</c>), or empty.</summary>
    public string Package { get; init; } = "";
}
