namespace Tern.Platforms;

/// <summary>The QEMU targets Tern knows.</summary>
public enum Architecture
{
    /// <summary>qemu-system-ppc64 (pseries).</summary>
    Ppc64,
    /// <summary>qemu-system-aarch64 (virt).</summary>
    Aarch64,
}
