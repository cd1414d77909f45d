using Tern.Wire;

namespace Tern.Fuzz.Targets;

/// <summary>Reader options shared by the stream targets.</summary>
internal static class ReaderSettings
{
    // A small first buffer so every input exercises the refill and growth paths (and a run does not zero 1 MiB);
    // the record limit stays the default the CLI uses.
    public static MigrationStreamReaderOptions Create(IDeviceBodyFramer? framer = null) =>
        new() { BufferSize = 4096, Framer = framer };
}
