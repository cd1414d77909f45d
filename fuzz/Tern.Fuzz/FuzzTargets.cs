using Tern.Fuzz.Targets;

namespace Tern.Fuzz;

/// <summary>Every fuzz target, by name.</summary>
public static class FuzzTargets
{
    /// <summary>All targets, one per input door.</summary>
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new SummaryTarget(), new DecodeTarget(), new RoundTripTarget(), new SchemaDecodeTarget(),
        new VmDescriptionTarget(), new DumpTarget(), new HostSpecTarget(), new ProfileTarget(),
    ];

    /// <summary>The target called <paramref name="name"/>, or null.</summary>
    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
