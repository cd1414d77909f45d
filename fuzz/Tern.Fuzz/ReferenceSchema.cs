using Tern.Schema;

namespace Tern.Fuzz;

/// <summary>
/// The real <c>-dump-vmstate</c> of QEMU 10.0.2 pseries-7.2, loaded once per process: the schema that frames
/// vmdesc-less streams and the partner a fuzzed dump is diffed against.
/// </summary>
public static class ReferenceSchema
{
    /// <summary>Path of the dump, relative to the program (the test output has the same layout).</summary>
    public const string RelativePath = "fixtures/vmstate/qemu-10.0.2-pseries-7.2.json.gz";

    private static readonly Lazy<VmstateSchema> Loaded = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, RelativePath);
        using var file = File.OpenRead(path);
        return SchemaLoader.Load(file, path);
    });

    /// <summary>The parsed dump.</summary>
    public static VmstateSchema Schema => Loaded.Value;
}
