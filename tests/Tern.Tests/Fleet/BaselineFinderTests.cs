using Tern.Fleet;
using Tern.Knowledge;
using Tern.Platforms;
using Tern.Predict;

namespace Tern.Tests.Fleet;

public sealed class BaselineFinderTests
{
    private static FleetHost Host(string name, string label) => new(name, label, Architecture.Ppc64, "", KnowledgeBase.Default.Find(label)!);

    private static Verdict Check(string from, string to, string options) =>
        new Predictor().Predict(HostSpecParser.Parse($"qemu-{from} {options}"), HostSpecParser.Parse($"qemu-{to} {options}"));

    [Fact]
    public void Hosts_of_one_QEMU_get_its_newest_machine_type_both_ways_as_check_confirms()
    {
        var result = new BaselineFinder(new FleetJudge(new Predictor())).Find([Host("a", "10.0.13"), Host("b", "10.0.13")]);

        Assert.True(result.RoundTrip);
        Assert.Equal("both", result.Direction);
        // The newest pseries machine type QEMU 10.0.13 registers, from its real query-machines answer.
        Assert.Equal(KnowledgeBase.Default.Find("10.0.13")!.For(Architecture.Ppc64)!.Aliases["pseries"], result.Machine);
        Assert.Equal(VerdictKind.Compatible, Check("10.0.13", "10.0.13", result.Options!).Kind);
        Assert.All(result.Hosts, h => Assert.Empty(h.GivesUp));
    }

    [Fact]
    public void Between_10_0_2_and_10_0_13_the_baseline_is_one_way_and_check_agrees_on_each_direction()
    {
        var result = new BaselineFinder(new FleetJudge(new Predictor())).Find([Host("new", "10.0.13"), Host("old", "10.0.2")]);

        Assert.False(result.RoundTrip);
        Assert.Equal("older-to-newer", result.Direction);
        Assert.NotNull(result.Options);
        Assert.StartsWith("-machine ", result.Options, StringComparison.Ordinal);
        Assert.Equal(VerdictKind.Compatible, Check("10.0.2", "10.0.13", result.Options).Kind);
        Assert.NotEqual(VerdictKind.Compatible, Check("10.0.13", "10.0.2", result.Options).Kind);
        // Every pair the result reports is what check says for it.
        foreach (var p in result.Pairs)
        {
            var from = p.From == "new" ? "10.0.13" : "10.0.2";
            var to = p.To == "new" ? "10.0.13" : "10.0.2";
            Assert.Equal(Check(from, to, result.Options).Kind, p.Verdict.Kind);
        }
        Assert.Equal(2, result.Pairs.Count);
    }

    [Fact]
    public void What_a_host_gives_up_is_its_own_default_machine_type()
    {
        var result = new BaselineFinder(new FleetJudge(new Predictor())).Find([Host("p72", "7.2"), Host("p1013", "10.0.13")]);

        Assert.NotNull(result.Machine);
        var newest = result.Hosts.Single(h => h.Name == "p1013");
        Assert.Equal(KnowledgeBase.Default.Find("10.0.13")!.For(Architecture.Ppc64)!.Aliases["pseries"], newest.DefaultMachine);
        Assert.Contains($"machine type {newest.DefaultMachine} → {result.Machine}", newest.GivesUp);
    }
}
