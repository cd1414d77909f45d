using Tern.Platforms;

namespace Tern.Knowledge.Profiles;

/// <summary>Profiles found outside the embedded knowledge (given files, search directories), read only when a label asks for them.</summary>
public interface IProfileSource
{
    /// <summary>The labels this source can answer, with their release.</summary>
    IEnumerable<(string Label, QemuVersion Version)> Labels { get; }

    /// <summary>The profile for a label without the <c>qemu-</c> prefix, or null; throws <see cref="ProfileAmbiguityException"/> for two builds of one label.</summary>
    QemuProfile? Find(string label);
}
