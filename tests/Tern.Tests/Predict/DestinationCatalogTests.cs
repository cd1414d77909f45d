using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Predict;

/// <summary>
/// <see cref="DestinationCatalog"/> alone: what a destination is taken to load must come from that destination's own
/// target. A subsection only another target's streams carry would make an unknown subsection look known: a false
/// "compatible".
/// </summary>
public sealed class DestinationCatalogTests
{
    private static ResolvedHost Host(string spec) =>
        HostResolver.Resolve(HostSpecParser.Parse(spec), MigrationEnd.Destination, KnowledgeBase.Default, [], [])!;

    [Theory]
    [InlineData("7.2")]
    [InlineData("10.0.2")]
    [InlineData("10.0.13")]
    [InlineData("5.2")]
    public void An_arm_destination_knows_no_subsection_only_pseries_streams_carry(string version)
    {
        // Given the embedded pseries templates of that QEMU version carry spapr and POWER cpu subsections
        var ppcOnly = KnowledgeBase.Default.Find(version)!.Templates
            .Where(t => t.Source.Machine!.StartsWith("pseries", StringComparison.Ordinal))
            .SelectMany(t => t.Subsections.Keys)
            .Where(n => n.StartsWith("spapr", StringComparison.Ordinal) || n is "cpu/compat" or "cpu/tlb6xx" or "cpu/vsx" or "cpu/altivec")
            .Distinct().ToList();
        Assert.NotEmpty(ppcOnly);

        // When the catalogue of a virt destination of the same version is built
        var arm = DestinationCatalog.For(Host($"qemu-{version} -machine virt-{(version == "5.2" ? "5.2" : "7.2")} -accel tcg"));
        var ppc = DestinationCatalog.For(Host($"qemu-{version} -machine pseries-{(version == "5.2" ? "5.2" : "7.2")} -accel tcg"));

        // Then it knows none of them (QEMU's qemu-system-aarch64 registers no spapr or POWER state), the pseries one all
        Assert.All(ppcOnly, n => Assert.Null(arm.SubsectionVersion(n)));
        Assert.All(ppcOnly, n => Assert.NotNull(ppc.SubsectionVersion(n)));
    }
}
